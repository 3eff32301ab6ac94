import type { CamundaFormRef } from '../forms/form-definition.js';
import type { TypedValue } from '../variables/index.js';

export type ProcessInstanceState = 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';

/** One process instance: the aggregate root every runtime record below belongs to. */
export interface ProcessInstanceRecord {
  readonly id: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly businessKey: string | null;
  readonly rootInstanceId: string;
  readonly superInstanceId: string | null;
  /** the call activity's element instance in the super process */
  readonly superElementInstanceId: string | null;
  readonly state: ProcessInstanceState;
  readonly suspended: boolean;
  readonly startTime: Date;
  readonly startUserId: string | null;
  readonly tenantId: string | null;
}

/**
 * ACTIVATING: created, waiting for an async-before job; ACTIVE: entered and running or waiting;
 * COMPLETING: done, waiting for an async-after job before leaving.
 */
export type ElementInstanceState = 'ACTIVATING' | 'ACTIVE' | 'COMPLETING';

/** A token in an element; the process instance itself is the root element instance (id = instance id). */
export interface ElementInstanceRecord {
  readonly id: string;
  readonly processInstanceId: string;
  /** the enclosing scope's element instance; null only for the root */
  readonly parentId: string | null;
  readonly elementId: string;
  readonly kind: string;
  readonly state: ElementInstanceState;
  readonly startTime: Date;
  /** behaviour-specific state: join arrivals, multi-instance bookkeeping, the flow it came by, ... */
  readonly data: ElementInstanceData;
}

export interface ElementInstanceData {
  readonly incomingFlowId?: string;
  /** scopes: arrivals at joining gateways, gatewayId -> flowId -> count */
  readonly joinArrivals?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** scopes: complex gateways in their reset state, gatewayId -> incoming flows still expected in this round */
  readonly complexResets?: Readonly<Record<string, readonly string[]>>;
  /** multi-instance bodies */
  readonly multiInstance?: { readonly total: number; readonly nextIndex: number; readonly collection?: readonly unknown[] };
  /** standard loops: completed iterations */
  readonly loopIteration?: number;
  /** set when the instance is an inner instance of a multi-instance body */
  readonly loopIndex?: number;
  /** call activities: the called instance */
  readonly calledInstanceId?: string;
  /** terminate/cancel in progress: the reason recorded in history */
  readonly interruptedBy?: string;
  /** event sub-process instances: the start event that triggered them */
  readonly triggeredBy?: string;
  /** the process instance: started at the activities its start instructions name, not through a start event */
  readonly startedAtInstructions?: boolean;
  /** boundary/event-sub-process triggers carry their payload (e.g. error code) here until consumed */
  readonly eventPayload?: Readonly<Record<string, unknown>>;
  /** compensation: the element instance whose work a handler (or a re-opened event scope) undoes */
  readonly compensates?: string;
  /**
   * compensation: this instance re-opens a sub-process that completed earlier, so the handlers of
   * its inner activities run inside it, with its variables as they were; it ends when they are done
   */
  readonly reopenedForCompensation?: boolean;
  /**
   * ad-hoc sub-processes: its completion condition held (or someone completed it) while inner
   * activities still ran and cancelRemainingInstances is false: it ends when they have, and starts nothing new
   */
  readonly adHocEnding?: boolean;
}

export interface VariableRecord {
  readonly id: string;
  readonly processInstanceId: string;
  /** element instance id of the owning scope (the instance id for process variables) */
  readonly scopeId: string;
  readonly name: string;
  readonly value: TypedValue;
  readonly createTime: Date;
}

export interface TaskRecord {
  readonly id: string;
  readonly processInstanceId: string;
  readonly elementInstanceId: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly taskDefinitionKey: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly assignee: string | null;
  readonly owner: string | null;
  readonly candidateUsers: readonly string[];
  readonly candidateGroups: readonly string[];
  readonly priority: number;
  readonly due: Date | null;
  readonly followUp: Date | null;
  readonly formKey: string | null;
  /** `camunda:formRef` evaluated when the task was created */
  readonly formRef: CamundaFormRef | null;
  readonly created: Date;
  readonly delegationState: 'PENDING' | 'RESOLVED' | null;
  readonly businessKey: string | null;
  readonly tenantId: string | null;
}

export interface ExternalTaskRecord {
  readonly id: string;
  readonly processInstanceId: string;
  readonly elementInstanceId: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly activityId: string;
  readonly topic: string;
  readonly workerId: string | null;
  readonly lockExpiration: Date | null;
  readonly retries: number | null;
  readonly errorMessage: string | null;
  readonly errorDetails: string | null;
  readonly priority: number;
  readonly businessKey: string | null;
  readonly created: Date;
  readonly tenantId: string | null;
}

export type JobType =
  | 'async-before'
  | 'async-after'
  | 'timer'
  | 'timer-start'
  | 'service-handler'
  | 'resume-super'
  /** batches (no process instance): the seed creates the chunk jobs, each chunk runs a slice of the items */
  | 'batch-seed'
  | 'batch-chunk';

export interface JobPayload {
  /** timers: the catching element (boundary/intermediate/event-sub-process start/timer start) */
  readonly elementId?: string;
  readonly timerKind?: 'date' | 'duration' | 'cycle';
  /** timers: the evaluated definition text, for cycles re-scheduling */
  readonly timerText?: string;
  readonly firedCount?: number;
  /** service handlers: the topic */
  readonly topic?: string;
  /** batch jobs: the batch, and for chunk jobs the chunk of its items */
  readonly batchId?: string;
  readonly chunk?: number;
}

export interface JobRecord {
  readonly id: string;
  readonly type: JobType;
  /** null for definition-level jobs (timer start events) and batch jobs */
  readonly processInstanceId: string | null;
  readonly elementInstanceId: string | null;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly activityId: string;
  readonly dueAt: Date;
  readonly retries: number;
  readonly retryIntervalsMs: readonly number[];
  readonly exceptionMessage: string | null;
  readonly exceptionDetails: string | null;
  readonly lockOwner: string | null;
  readonly lockExpiration: Date | null;
  readonly payload: JobPayload;
  readonly created: Date;
  readonly suspended: boolean;
  readonly priority: number;
  readonly tenantId: string | null;
}

export type SubscriptionType = 'message' | 'signal' | 'conditional' | 'compensate';

export interface SubscriptionRecord {
  readonly id: string;
  readonly type: SubscriptionType;
  readonly eventName: string;
  /** null for definition-level subscriptions (message and signal start events) */
  readonly processInstanceId: string | null;
  /** the element instance that waits (catch event, receive task) or owns the scope (boundary, event sub-process) */
  readonly elementInstanceId: string | null;
  /** the element that handles the event when it arrives */
  readonly activityId: string;
  readonly definitionId: string;
  readonly created: Date;
  readonly tenantId: string | null;
}

export type IncidentType = 'failedJob' | 'failedExternalTask' | 'unhandledError';

export interface IncidentRecord {
  readonly id: string;
  readonly type: IncidentType;
  readonly processInstanceId: string;
  readonly elementInstanceId: string | null;
  readonly definitionId: string;
  readonly activityId: string;
  readonly message: string | null;
  /** the job or external task id the incident is about */
  readonly configuration: string | null;
  readonly created: Date;
  readonly causeIncidentId: string | null;
  readonly rootCauseIncidentId: string | null;
  readonly tenantId: string | null;
}
