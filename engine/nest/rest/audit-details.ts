import { idList, pickScalars, recordOf, scalar, variableNames, type AuditedCall } from '../access/index.js';

/** Details of the engine's audited routes: ids, names and types, never variable values. */

const RECORDED_INSTRUCTIONS = 20;
const TASK_FIELDS = ['name', 'description', 'priority', 'due', 'followUp', 'owner', 'assignee'];

/** PUT /task/{id} replaces the task's fields: the ones the body gave */
export function taskFieldsGiven(call: AuditedCall): Record<string, unknown> {
  return { fields: TASK_FIELDS.filter((name) => Object.hasOwn(recordOf(call.body), name)) };
}

/** token moves: each instruction's kind and the activity, instance or flow it names, and its variable names */
export function modificationDetails(call: AuditedCall): Record<string, unknown> {
  return instructionDetails(recordOf(call.body)['instructions']);
}

/** a start with `startInstructions`: where the instance starts */
export function startInstructionDetails(call: AuditedCall): Record<string, unknown> {
  return { ...instructionDetails(recordOf(call.body)['startInstructions']), ...(call.params['tenantId'] ? { tenantId: call.params['tenantId'] } : {}) };
}

/** the start routes audit only a start past the process's first steps */
export function startsAtInstructions(call: Pick<AuditedCall, 'body'>): boolean {
  const instructions = recordOf(call.body)['startInstructions'];
  return Array.isArray(instructions) && instructions.length > 0;
}

function instructionDetails(instructions: unknown): Record<string, unknown> {
  if (!Array.isArray(instructions)) return {};
  return {
    instructions: instructions.slice(0, RECORDED_INSTRUCTIONS).map((raw: unknown) => {
      const instruction = recordOf(raw);
      const variables = variableNames(instruction['variables']);
      return { ...pickScalars(instruction, ['type', 'activityId', 'activityInstanceId', 'transitionInstanceId', 'transitionId']), ...(variables ? { variables } : {}) };
    }),
    count: instructions.length,
  };
}

/** POST /process-instance/{id}/variables: the names set (with their types) and deleted */
export function variableEditDetails(call: AuditedCall): Record<string, unknown> {
  const body = recordOf(call.body);
  const set = variableNames(body['modifications']);
  const deleted = idList(body['deletions']);
  return { ...(set ? { set } : {}), ...(deleted ? { deleted: deleted.ids } : {}) };
}

/** PUT /process-instance/{id}/variables/{name} */
export function variablePutDetails(call: AuditedCall): Record<string, unknown> {
  const type = scalar(recordOf(call.body)['type']);
  return { set: [{ name: call.params['name'], ...(typeof type === 'string' ? { type } : {}) }] };
}

/** DELETE /process-instance/{id}/variables/{name} */
export function variableDeleteDetails(call: AuditedCall): Record<string, unknown> {
  return { deleted: [call.params['name']] };
}

/** a new deployment: its name, source and the process definitions it made */
export function deploymentDetails(call: AuditedCall): Record<string, unknown> {
  const result = recordOf(call.result);
  return { ...pickScalars(result, ['name', 'source']), processDefinitions: Object.keys(recordOf(result['deployedProcessDefinitions'])).slice(0, 50) };
}

/** a batch (or a synchronous bulk change): its type and size, the ids it was given (first 50), whether a query chose them */
export function bulkDetails(idFields: readonly string[], scalars: readonly string[] = []) {
  return (call: AuditedCall): Record<string, unknown> => {
    const body = recordOf(call.body);
    const lists = idFields.flatMap((field) => {
      const list = idList(body[field]);
      return list ? [[field, list.ids], [`${field}Count`, list.count]] : [];
    });
    return {
      ...pickScalars(recordOf(call.result), ['type', 'totalJobs']),
      ...pickScalars(body, scalars),
      ...Object.fromEntries(lists),
      ...(Object.keys(body).some((key) => key.endsWith('Query')) ? { byQuery: true } : {}),
    };
  };
}
