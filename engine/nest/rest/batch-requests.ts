import { z } from 'zod';
import { InvalidRequestError } from '../../core/errors/index.js';
import type { Filter } from '../../core/ports/engine-queries.js';
import { parseCamundaDate } from '../../core/variables/index.js';
import type { InstanceSelection, JobSelection, ExternalTaskSelection } from '../batch-selection.js';
import { EXTERNAL_TASK_PARAMS } from './external-task.controller.js';
import { INSTANCE_PARAMS as HISTORIC_INSTANCE_PARAMS } from './history.controller.js';
import { JOB_PARAMS } from './job.controller.js';
import { INSTANCE_PARAMS } from './process-instance.controller.js';
import { parseFilter, type ParamSpec } from './query-params.js';
import { INT32_MAX } from './number-limits.js';
import { parseBody } from './request-body.js';

/** The bodies of Camunda 7's batch-creating endpoints; an unknown field is refused (a typo must not widen a deletion). */
const ids = z.array(z.string().min(1, { message: 'must not contain empty ids' }), { message: 'expected a list of ids' }).nullish();
const query = z.unknown().optional();
const retries = z.number({ message: 'is required' }).int({ message: 'expected an integer' }).min(0, { message: 'must not be negative' }).max(INT32_MAX, { message: `must be at most ${INT32_MAX}` });

const deleteBody = z.strictObject({
  processInstanceIds: ids,
  processInstanceQuery: query,
  historicProcessInstanceQuery: query,
  deleteReason: z.string().nullish(),
  skipCustomListeners: z.boolean().nullish(),
  skipSubprocesses: z.boolean().nullish(),
  skipIoMappings: z.boolean().nullish(),
});

const jobRetriesBody = z.strictObject({
  jobIds: ids,
  jobQuery: query,
  processInstanceIds: ids,
  processInstanceQuery: query,
  historicProcessInstanceQuery: query,
  retries,
  dueDate: z.string().nullish(),
});

const externalTaskRetriesBody = z.strictObject({
  externalTaskIds: ids,
  externalTaskQuery: query,
  processInstanceIds: ids,
  processInstanceQuery: query,
  historicProcessInstanceQuery: query,
  retries,
});

/** `processInstanceQuery` and the like: an object of the list endpoint's filters, validated like its parameters */
export function nestedQuery(field: string, value: unknown, spec: ParamSpec): Filter | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidRequestError(`Invalid request body: '${field}' expected an object of query filters`);
  for (const key of Object.keys(value)) {
    if (!(key in spec) && key !== 'sorting') {
      throw new InvalidRequestError(`Invalid request body: '${field}.${key}' is not a filter of this query; expected one of ${Object.keys(spec).join(', ')}`);
    }
  }
  try {
    return parseFilter(value as Record<string, unknown>, spec);
  } catch (error) {
    if (error instanceof InvalidRequestError) throw new InvalidRequestError(`Invalid request body: '${field}': ${error.message}`);
    throw error;
  }
}

function instances(body: { processInstanceIds?: string[] | null; processInstanceQuery?: unknown; historicProcessInstanceQuery?: unknown }): InstanceSelection {
  return {
    processInstanceIds: body.processInstanceIds ?? [],
    processInstanceQuery: nestedQuery('processInstanceQuery', body.processInstanceQuery, INSTANCE_PARAMS),
    historicProcessInstanceQuery: nestedQuery('historicProcessInstanceQuery', body.historicProcessInstanceQuery, HISTORIC_INSTANCE_PARAMS),
  };
}

export function parseDeleteRequest(body: unknown) {
  const request = parseBody(deleteBody, body);
  if (request.skipSubprocesses) {
    throw new InvalidRequestError(`Invalid request body: 'skipSubprocesses' true is not supported: called process instances are always deleted with their caller`);
  }
  return {
    selection: instances(request),
    configuration: { deleteReason: request.deleteReason ?? null, skipCustomListeners: request.skipCustomListeners ?? false, skipIoMappings: request.skipIoMappings ?? false },
  };
}

export function parseJobRetriesRequest(body: unknown): { selection: JobSelection; retries: number; dueDate: string | null } {
  const request = parseBody(jobRetriesBody, body);
  let dueDate: string | null = null;
  if (request.dueDate) {
    try {
      dueDate = parseCamundaDate(request.dueDate).toISOString();
    } catch {
      throw new InvalidRequestError(`Invalid request body: 'dueDate' expected a date such as 2031-06-01T09:30:00.000+0000`);
    }
  }
  return {
    selection: { jobIds: request.jobIds ?? [], jobQuery: nestedQuery('jobQuery', request.jobQuery, JOB_PARAMS), instances: instances(request) },
    retries: request.retries,
    dueDate,
  };
}

export function parseExternalTaskRetriesRequest(body: unknown): { selection: ExternalTaskSelection; retries: number } {
  const request = parseBody(externalTaskRetriesBody, body);
  return {
    selection: {
      externalTaskIds: request.externalTaskIds ?? [],
      externalTaskQuery: nestedQuery('externalTaskQuery', request.externalTaskQuery, EXTERNAL_TASK_PARAMS),
      instances: instances(request),
    },
    retries: request.retries,
  };
}

const suspendedBody = z.strictObject({ suspended: z.boolean({ message: 'is required: true or false' }) });

export function parseSuspendedRequest(body: unknown): boolean {
  return parseBody(suspendedBody, body).suspended;
}
