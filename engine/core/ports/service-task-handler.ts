import type { TypedValue } from '../variables/index.js';

export interface ServiceTaskInput {
  readonly topic: string;
  readonly jobId: string;
  readonly processInstanceId: string;
  readonly processDefinitionKey: string;
  readonly activityId: string;
  readonly businessKey: string | null;
  /** all variables visible from the task, as plain JS values */
  readonly variables: Readonly<Record<string, unknown>>;
}

export type ServiceTaskResult =
  | { readonly outcome: 'complete'; readonly variables?: Readonly<Record<string, unknown>> }
  | { readonly outcome: 'bpmnError'; readonly errorCode: string; readonly errorMessage?: string; readonly variables?: Readonly<Record<string, unknown>> };

/**
 * An in-process implementation of a service task topic (e.g. `crm.lead.assign`). It runs in a job,
 * outside the engine's transaction, and may run more than once for one task: make it idempotent
 * (the job id is stable across repeats). Throwing means failure: the job is retried, then an incident.
 */
export type ServiceTaskHandler = (input: ServiceTaskInput) => Promise<ServiceTaskResult | void>;

export interface ServiceTaskHandlerRegistry {
  handlerFor(topic: string): ServiceTaskHandler | undefined;
}

export type { TypedValue };
