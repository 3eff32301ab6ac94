import { createBatch, deleteBatch, deleteHistoricBatch, DEFAULT_BATCH_SIZING, setBatchSuspended, type BatchSizing, type CreateBatchRequest } from './batches/batch-commands.js';
import type { BatchRecord } from './batches/batch-records.js';
import { BehaviorRegistry } from './behaviors/registry.js';
import * as adHoc from './commands/ad-hoc-commands.js';
import { evaluateStartConditions, type ConditionallyStarted, type ConditionEvaluationRequest } from './commands/conditional-starts.js';
import { CommandProcessor, type CommandListener, type CommandOptions } from './commands/command-processor.js';
import type { CommandScope, EngineServices } from './commands/command-scope.js';
import { parseDeployment, storeDeployment, type DeployRequest, type DeployResult } from './commands/deploy.js';
import * as externalTasks from './commands/external-task-commands.js';
import { deleteDeployment, runningInstancesOfDeployment } from './commands/deployment-deletion.js';
import { deleteProcessInstance, modifyProcessVariables, startProcessInstance, type DeletionOptions, type StartRequest, type StartedInstance } from './commands/instance-commands.js';
import { setJobRetries } from './commands/job-commands.js';
import { modifyProcessInstance, type ModificationInstruction, type ModificationOptions } from './commands/modification-commands.js';
import { correlateMessage, throwSignal, type CorrelationRequest, type CorrelationResult } from './commands/message-commands.js';
import * as tasks from './commands/task-commands.js';
import type { DeployedDefinition } from './definitions/definition-record.js';
import { BadUserRequestError, NotFoundError } from './errors/index.js';
import { DecisionEvaluationFailure, evaluateDecision } from './commands/decision-evaluation.js';
import type { DecisionModels } from './dmn/decision-models.js';
import { defaultDecisionModels } from './dmn/decision-models-default.js';
import { DeployedDecisions } from './dmn/deployed-decisions.js';
import type { DecisionOutcome } from './dmn/dmn-api.js';
import type { HistoryLevel } from './execution/history-level.js';
import { VariableScopes } from './execution/variable-scopes.js';
import { InstanceAggregate } from './execution/instance-aggregate.js';
import { DeployedForms } from './forms/deployed-forms.js';
import { JobExecutor } from './jobs/job-executor.js';
import type { ProcessGraph } from './model/graph.js';
import { parseBpmnResource, type ParseOptions } from './model/parse-bpmn.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from './model/xml-guard.js';
import type { Clock } from './ports/clock.js';
import type { DefinitionRef, EngineStore, ExternalTaskLockRequest } from './ports/engine-store.js';
import type { IdGenerator } from './ports/id-generator.js';
import type { JobDispatcher } from './ports/job-dispatcher.js';
import type { ServiceTaskHandlerRegistry } from './ports/service-task-handler.js';
import type { ExternalTaskRecord } from './execution/records.js';
import type { TypedValue } from './variables/index.js';
import type { ExpressionGlobals } from './expressions/expression-globals.js';
import { DEFAULT_JOB_LOCK_MS, type Heartbeat } from './jobs/lock-heartbeat.js';

export interface EngineOptions {
  readonly store: EngineStore;
  readonly dispatcher: JobDispatcher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly handlers: ServiceTaskHandlerRegistry;
  readonly listener?: Partial<CommandListener>;
  readonly limits?: XmlLimits;
  /** a monotonic clock in milliseconds (performance.now) to time model parsing; omitted, it is not timed */
  readonly monotonicMs?: () => number;
  /** who claims jobs in this process */
  readonly workerId: string;
  /** how long a claimed job stays locked without a heartbeat (renewed while it runs) */
  readonly jobLockMs?: number;
  /** renews running jobs' locks; a timer by default */
  readonly jobHeartbeat?: Heartbeat;
  /** items per chunk job and chunk jobs per seed run of new batches */
  readonly batches?: Partial<BatchSizing>;
  /** the DMN evaluator behind the seam; the one wired in decision-models-default.ts when omitted */
  readonly decisions?: DecisionModels;
  /** host objects the application offers to every expression (the CRM's `crm`) */
  readonly expressionGlobals?: ExpressionGlobals;
  /** Camunda 7's history levels (history-level.ts); full when omitted */
  readonly historyLevel?: HistoryLevel;
}

/** The engine's facade: every command a client, job or CRM listener can give. */
export class Engine {
  readonly behaviors = new BehaviorRegistry();
  readonly jobs: JobExecutor;
  /** Camunda Forms: a task's or start event's deployed form */
  readonly forms: DeployedForms;
  private readonly processor: CommandProcessor;
  private readonly services: EngineServices;
  private readonly limits: XmlLimits;

  constructor(private readonly options: EngineOptions) {
    this.limits = options.limits ?? DEFAULT_XML_LIMITS;
    this.services = {
      clock: options.clock, ids: options.ids, handlers: options.handlers, behaviors: this.behaviors, expressionGlobals: options.expressionGlobals,
      historyLevel: options.historyLevel,
      decisions: new DeployedDecisions(options.decisions ?? defaultDecisionModels, { limits: this.limits, monotonicMs: options.monotonicMs }),
    };
    this.processor = new CommandProcessor(options.store, this.services, options.dispatcher, {
      externalTasksCreated: (topics) => options.listener?.externalTasksCreated?.(topics),
      dispatchFailed: (error) => options.listener?.dispatchFailed?.(error),
    });
    this.forms = new DeployedForms(options.store, options.clock);
    this.jobs = new JobExecutor(options.store, this.processor, options.handlers, options.workerId, options.jobLockMs ?? DEFAULT_JOB_LOCK_MS, options.jobHeartbeat);
  }

  /** parses a BPMN resource the way deployments do (validation without storing) */
  parse(resourceName: string, xml: string): Promise<ProcessGraph[]> {
    return parseBpmnResource(resourceName, xml, this.parseOptions());
  }

  private parseOptions(): ParseOptions {
    return { limits: this.limits, isSupported: (node) => this.behaviors.supports(node), monotonicMs: this.options.monotonicMs };
  }

  async deploy(request: DeployRequest): Promise<DeployResult> {
    const parsed = await parseDeployment(request, this.parseOptions(), this.services.decisions);
    const { result } = await this.processor.run((scope) => storeDeployment(scope, request, parsed));
    return result;
  }

  /**
   * Camunda's DELETE /deployment/{id}: refused while its definitions have running instances, unless
   * `cascade`, which deletes those instances first (each as DELETE /process-instance does) and then
   * the history of the definitions' instances with the deployment.
   */
  async deleteDeployment(deploymentId: string, options: { readonly cascade: boolean; readonly skipCustomListeners?: boolean }): Promise<void> {
    if (options.cascade) {
      const running = await this.processor.run((scope) => runningInstancesOfDeployment(scope, deploymentId));
      const deletion = { skipCustomListeners: options.skipCustomListeners === true };
      for (const instanceId of running) {
        // a called instance may have ended with its caller already
        await this.deleteProcessInstance(instanceId, 'deployment deleted', {}, deletion).catch((error: unknown) => {
          if (!(error instanceof NotFoundError)) throw error;
        });
      }
    }
    await this.processor.run((scope) => deleteDeployment(scope, deploymentId, options.cascade));
  }

  /**
   * Evaluates a deployed decision outside any process (Camunda's POST /decision-definition/.../evaluate):
   * its result, one output map per matched rule; history keeps the evaluation.
   */
  async evaluateDecision(ref: DefinitionRef, variables: Readonly<Record<string, unknown>>, userId: string | null): Promise<DecisionOutcome['result']> {
    return this.processor.run(async (scope) => {
      const definition = await scope.tx.findDecisionDefinition(ref);
      if (!definition) throw new NotFoundError(`No matching decision definition ${describeDecisionRef(ref)}`);
      try {
        return (await evaluateDecision(scope, definition, variables, { site: null, userId })).result;
      } catch (error) {
        if (error instanceof DecisionEvaluationFailure) throw new BadUserRequestError(error.message);
        throw error;
      }
    });
  }

  startProcessInstance(request: StartRequest, options: CommandOptions = {}): Promise<StartedInstance> {
    return this.processor.run((scope) => startProcessInstance(scope, request), [], options);
  }

  deleteProcessInstance(instanceId: string, reason: string | null = null, options: CommandOptions = {}, deletion: DeletionOptions = {}): Promise<void> {
    return this.processor.run((scope) => deleteProcessInstance(scope, instanceId, reason, deletion), [], options);
  }

  /** moves tokens: cancel activity instances, start others (Camunda's process instance modification) */
  modifyProcessInstance(instanceId: string, instructions: readonly ModificationInstruction[], options: CommandOptions = {}, modification: ModificationOptions = {}): Promise<void> {
    return this.processor.run((scope) => modifyProcessInstance(scope, instanceId, instructions, modification), [], options);
  }

  /** an ad-hoc sub-process instance: its enabled activities, and whether one may be started now */
  describeAdHocSubProcess(target: adHoc.AdHocTarget): Promise<adHoc.AdHocSubProcessView> {
    return this.processor.run((scope) => adHoc.describeAdHocSubProcess(scope, target));
  }

  /** starts an enabled activity of an ad-hoc sub-process instance (a case worker's choice) */
  startAdHocActivity(target: adHoc.AdHocTarget, activityId: string, options: CommandOptions = {}): Promise<adHoc.StartedAdHocActivity> {
    return this.processor.run((scope) => adHoc.startAdHocActivity(scope, target, activityId), [], options);
  }

  /** ends an ad-hoc sub-process without a completion condition */
  completeAdHocSubProcess(target: adHoc.AdHocTarget, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => adHoc.completeAdHocSubProcess(scope, target), [], options);
  }

  modifyVariables(instanceId: string, modifications: ReadonlyMap<string, TypedValue>, deletions: readonly string[] = [], options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => modifyProcessVariables(scope, instanceId, modifications, deletions), [], options);
  }

  completeTask(request: tasks.CompleteTaskRequest, options: CommandOptions = {}) {
    return this.processor.run((scope) => tasks.completeTask(scope, request), [], options);
  }

  claimTask(taskId: string, userId: string, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => tasks.claimTask(scope, taskId, userId), [], options);
  }

  setTaskAssignee(taskId: string, userId: string | null, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => tasks.setTaskAssignee(scope, taskId, userId), [], options);
  }

  delegateTask(taskId: string, userId: string, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => tasks.delegateTask(scope, taskId, userId), [], options);
  }

  /** `actor`: who resolves it; null: the application itself */
  resolveTask(taskId: string, variables: ReadonlyMap<string, TypedValue>, actor: tasks.TaskActor | null = null, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => tasks.resolveTask(scope, taskId, variables, actor), [], options);
  }

  updateTask(taskId: string, update: tasks.TaskUpdate, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => tasks.updateTask(scope, taskId, update), [], options);
  }

  changeIdentityLink(taskId: string, link: tasks.IdentityLinkChange, add: boolean, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => tasks.changeIdentityLink(scope, taskId, link, add), [], options);
  }

  /** `actor`: who sets them; null: the application itself */
  setTaskVariables(taskId: string, variables: ReadonlyMap<string, TypedValue>, local: boolean, actor: tasks.TaskActor | null = null, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => tasks.setTaskVariables(scope, taskId, variables, local, actor), [], options);
  }

  correlateMessage(request: CorrelationRequest): Promise<CorrelationResult[]> {
    return this.processor.run((scope) => correlateMessage(scope, request));
  }

  /** POST /condition: starts an instance through each conditional start event whose condition holds for these variables */
  evaluateStartConditions(request: ConditionEvaluationRequest): Promise<ConditionallyStarted[]> {
    return this.processor.run((scope) => evaluateStartConditions(scope, request));
  }

  signal(name: string, variables: ReadonlyMap<string, TypedValue>, tenantId: string | null = null): Promise<number> {
    return this.processor.run((scope) => throwSignal(scope, name, variables, tenantId));
  }

  setJobRetries(jobId: string, retries: number, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => setJobRetries(scope, jobId, retries), [], options);
  }

  fetchAndLockExternalTasks(request: Omit<ExternalTaskLockRequest, 'now'>): Promise<ExternalTaskRecord[]> {
    return this.options.store.lockExternalTasks({ ...request, now: this.options.clock.now() });
  }

  completeExternalTask(request: externalTasks.CompleteExternalTaskRequest): Promise<void> {
    return this.processor.run((scope) => externalTasks.completeExternalTask(scope, request));
  }

  failExternalTask(failure: externalTasks.ExternalTaskFailure): Promise<void> {
    return this.processor.run((scope) => externalTasks.failExternalTask(scope, failure));
  }

  reportExternalTaskBpmnError(error: externalTasks.ExternalTaskBpmnError): Promise<void> {
    return this.processor.run((scope) => externalTasks.reportExternalTaskBpmnError(scope, error));
  }

  extendExternalTaskLock(id: string, workerId: string, newDurationMs: number): Promise<void> {
    return this.processor.run((scope) => externalTasks.extendExternalTaskLock(scope, id, workerId, newDurationMs));
  }

  unlockExternalTask(id: string): Promise<void> {
    return this.processor.run((scope) => externalTasks.unlockExternalTask(scope, id));
  }

  setExternalTaskRetries(id: string, retries: number, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => externalTasks.setExternalTaskRetries(scope, id, retries), [], options);
  }

  /** PUT /external-task/retries: all of them in one transaction (an unknown id changes nothing) */
  setExternalTasksRetries(ids: readonly string[], retries: number, options: CommandOptions = {}): Promise<void> {
    return this.processor.run(async (scope) => {
      for (const id of new Set(ids)) await externalTasks.setExternalTaskRetries(scope, id, retries);
    }, [], options);
  }

  /** a batch over resolved targets; its jobs run after commit (Camunda's POST /process-instance/delete, /job/retries, ...) */
  createBatch(request: CreateBatchRequest, options: CommandOptions = {}): Promise<BatchRecord> {
    const sizing = { ...DEFAULT_BATCH_SIZING, ...this.options.batches };
    return this.processor.run(async (scope) => createBatch(scope, request, sizing), [], options);
  }

  setBatchSuspended(batchId: string, suspended: boolean, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => setBatchSuspended(scope, batchId, suspended), [], options);
  }

  deleteBatch(batchId: string, cascade: boolean, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => deleteBatch(scope, batchId, cascade), [], options);
  }

  deleteHistoricBatch(batchId: string, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => deleteHistoricBatch(scope, batchId), [], options);
  }

  setExternalTaskPriority(id: string, priority: number, options: CommandOptions = {}): Promise<void> {
    return this.processor.run((scope) => externalTasks.setExternalTaskPriority(scope, id, priority), [], options);
  }

  /** variables visible from an element instance (an external task's or user task's scope) */
  async visibleVariables(processInstanceId: string, elementInstanceId: string): Promise<Map<string, TypedValue>> {
    return this.options.store.transaction(async (tx) => {
      const snapshot = await tx.loadInstance(processInstanceId);
      if (!snapshot) throw new NotFoundError(`Process instance with id '${processInstanceId}' does not exist`);
      const aggregate = InstanceAggregate.load(snapshot);
      const scopes = new VariableScopes(aggregate, () => '', () => this.options.clock.now(), { variableWritten: () => undefined });
      return scopes.visible(aggregate.elements.has(elementInstanceId) ? elementInstanceId : processInstanceId);
    });
  }

  /** a deployed definition with its graph (for diagrams, forms, validation in the designer) */
  async definition(id: string): Promise<DeployedDefinition> {
    const found = await this.options.store.transaction((tx) => tx.findDefinition({ by: 'id', id }));
    if (!found) throw new NotFoundError(`No process definition found for id '${id}'`);
    return found;
  }

  /** runs an arbitrary command: for adapters that compose engine steps (used sparingly) */
  runCommand<T>(command: (scope: CommandScope) => Promise<T>): Promise<T> {
    return this.processor.run(command);
  }
}

function describeDecisionRef(ref: DefinitionRef): string {
  switch (ref.by) {
    case 'id':
      return `with id '${ref.id}'`;
    case 'latest':
      return `with key '${ref.key}' and ${ref.tenantId ? `tenant-id '${ref.tenantId}'` : 'no tenant-id'}`;
    default:
      return `with key '${ref.key}'`;
  }
}
