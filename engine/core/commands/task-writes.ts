import { BadUserRequestError } from '../errors/index.js';
import type { TaskRecord } from '../execution/records.js';
import { findDeployedForm } from '../forms/deployed-form.js';
import { camundaFormVariables, formDataVariables, type FormVariables } from '../forms/form-fields.js';
import { deployedResourceOf, isCamundaFormsKey } from '../forms/form-key.js';
import type { UserTaskSpec } from '../model/graph.js';
import { toJsValue, type TypedValue } from '../variables/index.js';
import { jsonValuesEqual } from '../variables/json-values.js';
import type { CommandScope, LoadedInstance } from './command-scope.js';

/** Who works on a task through a command; a command without one is the application's own step. */
export interface TaskActor {
  readonly userId: string;
  /** may change any variable of the instance anyway (Camunda's process instance variables): the rule for formless tasks does not bind them */
  readonly changesAnyVariable: boolean;
  /**
   * Throws when the caller may not work on this task: the application's rule of whose task it is,
   * checked on the task the command loaded rather than read once more before the command.
   */
  readonly mayWorkOn?: (task: TaskRecord) => void;
}

export interface TaskWrites {
  readonly variables: ReadonlyMap<string, TypedValue>;
  readonly local?: boolean;
}

/** what the task's model declares a completion may write, and where that declaration comes from */
interface Declared extends FormVariables {
  readonly source: string;
}

/**
 * What working on a task may write. With a form (Camunda Form, `camunda:formData`) or a
 * `writableVariables` list: only the names they give, never a field the form shows read-only;
 * this binds everyone. With neither: any variable, except that an existing one the process routes
 * on may only be changed when a user task decides it (see RoutingVariables); this binds users who
 * could not change the variable otherwise. Writing a variable's current value again is no change.
 * Throws BadUserRequestError naming the task and the variables; nothing is written.
 */
export async function checkTaskWrites(scope: CommandScope, loaded: LoadedInstance, task: TaskRecord, writes: TaskWrites, actor: TaskActor | null): Promise<void> {
  const variables = loaded.ctx.variables;
  const current = (name: string) => (writes.local ? variables.local(task.elementInstanceId, name) : variables.find(task.elementInstanceId, name));
  const changed = [...writes.variables].filter(([name, value]) => !sameValue(current(name)?.value, value)).map(([name]) => name);
  if (changed.length === 0) return;
  const spec = loaded.ctx.nodeOf(loaded.ctx.requireElement(task.elementInstanceId)).userTask;
  const who = `Task '${task.name ?? task.taskDefinitionKey}'`;
  const declared = spec ? await declaredWrites(scope, loaded, task, spec, who) : null;
  if (declared) {
    const refused = changed.filter((name) => !declared.writable.has(name));
    if (refused.length === 0) return;
    const shown = refused.filter((name) => declared.readonly.has(name));
    const reason = shown.length === refused.length ? `${declared.source} shows ${pronoun(refused)} read-only` : `${declared.source} does not name ${pronoun(refused)}`;
    throw new BadUserRequestError(`${who} may not set ${names(refused)}: ${reason}`);
  }
  if (!actor || actor.changesAnyVariable) return;
  const routing = loaded.ctx.graph.routing;
  const routedOn = (name: string) => !routing.decided.has(name) && (routing.read.has(name) || routing.dynamic);
  const refused = changed.filter((name) => current(name) !== undefined && routedOn(name));
  if (refused.length > 0) {
    throw new BadUserRequestError(`${who} may not change ${names(refused)}: the process routes on ${pronoun(refused)}, and the task has no form or writableVariables naming ${pronoun(refused)}`);
  }
}

/** the task's form fields and writableVariables together; null when it declares neither (an unreadable external form counts as none) */
async function declaredWrites(scope: CommandScope, loaded: LoadedInstance, task: TaskRecord, spec: UserTaskSpec, who: string): Promise<Declared | null> {
  const parts: FormVariables[] = [];
  const sources: string[] = [];
  if (spec.formFields.length > 0) {
    parts.push(formDataVariables(spec.formFields));
    sources.push('its form');
  }
  const camundaFormKey = task.formKey !== null && isCamundaFormsKey(task.formKey) && deployedResourceOf(task.formKey) !== null;
  if (task.formRef || camundaFormKey) {
    parts.push(await camundaFormOf(scope, loaded, task, who));
    if (!sources.includes('its form')) sources.push('its form');
  }
  if (spec.writableVariables !== null) {
    parts.push({ writable: new Set(spec.writableVariables), readonly: new Set() });
    sources.push('its writableVariables');
  }
  if (sources.length === 0) return null;
  const writable = new Set(parts.flatMap((p) => [...p.writable]));
  const readonly = new Set(parts.flatMap((p) => [...p.readonly]).filter((name) => !writable.has(name)));
  return { writable, readonly, source: sources.join(' or ') };
}

async function camundaFormOf(scope: CommandScope, loaded: LoadedInstance, task: TaskRecord, who: string): Promise<FormVariables> {
  const { deploymentId, tenantId } = loaded.definition.record;
  try {
    const form = await findDeployedForm(scope.tx, task, { deploymentId, tenantId, description: `task '${task.id}'` });
    return camundaFormVariables(form.content);
  } catch (error) {
    throw new BadUserRequestError(`${who} may not set variables: its form cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** the same value, whatever number type or date form it came in */
function sameValue(current: TypedValue | undefined, next: TypedValue): boolean {
  if (current === undefined) return false;
  const [a, b] = [toJsValue(current), toJsValue(next)];
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof Uint8Array || b instanceof Uint8Array) return false;
  if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b);
  return jsonValuesEqual(a ?? null, b ?? null);
}

function names(list: readonly string[]): string {
  const quoted = list.map((n) => `'${n}'`);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

function pronoun(list: readonly string[]): string {
  return list.length === 1 ? 'it' : 'them';
}
