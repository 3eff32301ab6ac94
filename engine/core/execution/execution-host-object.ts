import { HOST_OBJECT, methodNotAllowed, type HostObject } from '../expressions/index.js';
import { toJsValue } from '../variables/index.js';
import type { ElementRuntime } from './element-runtime.js';

/**
 * `execution` in expressions, as Camunda models use it: `${execution.getVariable('x')}`,
 * `${execution.processBusinessKey}`, `${execution.setVariable('y', 1)}`, in a listener
 * `${execution.eventName}`. Only these members exist.
 */
export class ExecutionHostObject implements HostObject {
  readonly [HOST_OBJECT] = true as const;

  constructor(
    private readonly ctx: Pick<ElementRuntime, 'aggregate' | 'definition' | 'element' | 'variables'>,
    private readonly scopeId: string,
    /** the event of the listener whose expression runs (`start`, `end`, `take`, a task event); null outside listeners */
    private readonly eventName: string | null = null,
  ) {}

  getProperty(name: string): unknown {
    switch (name) {
      case 'processInstanceId':
        return this.ctx.aggregate.id;
      case 'processBusinessKey':
      case 'businessKey':
        return this.ctx.aggregate.instance.businessKey;
      case 'processDefinitionId':
        return this.ctx.definition.record.id;
      case 'activityId':
      case 'currentActivityId':
        return this.ctx.element(this.scopeId)?.elementId ?? null;
      case 'id':
        return this.scopeId;
      case 'tenantId':
        return this.ctx.aggregate.instance.tenantId;
      case 'eventName':
        return this.eventName;
      default:
        return null;
    }
  }

  callMethod(name: string, args: unknown[]): unknown {
    switch (name) {
      case 'getVariable': {
        const variable = this.ctx.variables.find(this.scopeId, String(args[0]));
        return variable ? toJsValue(variable.value) : null;
      }
      case 'getVariableLocal': {
        const variable = this.ctx.variables.local(this.scopeId, String(args[0]));
        return variable ? toJsValue(variable.value) : null;
      }
      case 'hasVariable':
        return this.ctx.variables.find(this.scopeId, String(args[0])) !== undefined;
      case 'setVariable':
        this.ctx.variables.setJs(this.scopeId, String(args[0]), args[1]);
        return null;
      case 'setVariableLocal':
        this.ctx.variables.setJs(this.scopeId, String(args[0]), args[1], true);
        return null;
      case 'getProcessInstanceId':
        return this.ctx.aggregate.id;
      case 'getProcessBusinessKey':
      case 'getBusinessKey':
        return this.ctx.aggregate.instance.businessKey;
      case 'getCurrentActivityId':
      case 'getActivityId':
        return this.getProperty('activityId');
      case 'getProcessDefinitionId':
        return this.ctx.definition.record.id;
      case 'getEventName':
        return this.eventName;
      default:
        throw methodNotAllowed(name, 'execution');
    }
  }
}
