import { ForbiddenError } from '../errors/index.js';
import type { TaskRecord } from '../execution/records.js';
import type { FourEyesParty } from '../model/graph.js';
import { toJsValue } from '../variables/index.js';
import type { LoadedInstance } from './command-scope.js';

/** what someone would do to a four-eyes task: work on it themselves, or be given it */
export type FourEyesAction = 'claim' | 'complete' | 'work on' | 'be given';

/**
 * Four eyes: a task marked `fourEyes` decides on someone's own request, so the instance's starter
 * (`initiator`) and the users its variables name may not claim, complete or otherwise work on it,
 * nor be given it; supervisors are no exception. A command without an acting user (the
 * application's own steps) is not bound. Throws ForbiddenError naming the rule.
 */
export function checkFourEyes(loaded: LoadedInstance, task: TaskRecord, userId: string | null | undefined, action: FourEyesAction): void {
  if (!userId) return;
  const spec = loaded.ctx.nodeOf(loaded.ctx.requireElement(task.elementInstanceId)).userTask;
  const party = spec?.fourEyes.find((p) => isParty(loaded, task, p, userId));
  if (!party) return;
  const role = party.kind === 'initiator' ? 'started this process instance' : `are its '${party.name}'`;
  const subject = action === 'be given' ? `Task '${task.name ?? task.taskDefinitionKey}' may not be given to '${userId}'` : `'${userId}' may not ${action} task '${task.name ?? task.taskDefinitionKey}'`;
  throw new ForbiddenError(`${subject}: four-eyes rule, they ${role}, so someone else must decide`);
}

function isParty(loaded: LoadedInstance, task: TaskRecord, party: FourEyesParty, userId: string): boolean {
  if (party.kind === 'initiator') return loaded.aggregate.instance.startUserId === userId;
  const variable = loaded.ctx.variables.find(task.elementInstanceId, party.name);
  const value = variable ? toJsValue(variable.value) : null;
  const users = Array.isArray(value) ? value : [value];
  return users.some((user) => user !== null && String(user) === userId);
}
