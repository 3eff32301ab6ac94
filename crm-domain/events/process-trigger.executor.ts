import { Inject, Injectable } from '@nestjs/common';
import { Engine } from '../../engine/core/engine.js';
import { BadUserRequestError } from '../../engine/core/errors/index.js';
import type { EngineQueries } from '../../engine/core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../../engine/nest/engine-providers.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { typedVariables } from '../shared/typed-variables.js';
import type { ProcessTrigger } from './process-trigger.js';

export interface PendingEvent {
  readonly id: string;
  readonly type: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly variables: Record<string, unknown>;
  readonly actor: string;
  readonly attempts: number;
}

/** Applies one record event to the engine as configured: start processes, correlate messages. */
@Injectable()
export class ProcessTriggerExecutor {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {}

  /** what happened, for the event row's `outcome`; throws when the engine failed (retried later) */
  async apply(event: PendingEvent): Promise<string> {
    const triggers = this.options.triggers.filter((t) => t.event === event.type);
    if (triggers.length === 0) return 'no trigger configured';
    const outcomes: string[] = [];
    for (const trigger of triggers) outcomes.push(await this.applyOne(trigger, event));
    return outcomes.join('; ');
  }

  private async applyOne(trigger: ProcessTrigger, event: PendingEvent): Promise<string> {
    if (trigger.action === 'start') return this.start(trigger.processKey, event);
    return this.correlate(trigger.messageName, event);
  }

  private async start(processKey: string, event: PendingEvent): Promise<string> {
    if (event.attempts > 1) {
      const earlier = await this.queries.historicInstances({
        filter: { processInstanceBusinessKey: event.recordId, processDefinitionKey: processKey, variables: [{ name: 'crmEventId', operator: 'eq', value: event.id }] },
      });
      if (earlier.length > 0) return `${processKey} already started: ${earlier[0]!.id}`;
    }
    const started = await this.engine.startProcessInstance({
      definition: { by: 'latest', key: processKey },
      businessKey: event.recordId,
      variables: typedVariables({ ...event.variables, recordType: event.recordType, crmEventId: event.id }),
      startUserId: event.actor,
    });
    return `started ${processKey}: ${started.instance.id}`;
  }

  private async correlate(messageName: string, event: PendingEvent): Promise<string> {
    try {
      const results = await this.engine.correlateMessage({
        messageName,
        businessKey: event.recordId,
        processVariables: typedVariables(event.variables),
        processVariablesLocal: new Map(),
        all: true,
      });
      return `${messageName} correlated to ${results.map((r) => r.instance.id).join(', ')}`;
    } catch (error) {
      // nothing waits for it (the process ended or took another path): not a failure of the event
      if (error instanceof BadUserRequestError && /No process definition or execution matches/.test(error.message)) return `no process waits for ${messageName}`;
      throw error;
    }
  }
}
