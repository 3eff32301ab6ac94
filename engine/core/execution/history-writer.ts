import type { ProcessDefinitionRecord } from '../definitions/definition-record.js';
import type { FlowNode } from '../model/graph.js';
import { activityTypeOf } from './activity-types.js';
import type { HistoricActivityInstanceRecord, HistoryRecord } from './history-records.js';
import { isLoopBody } from './loop-bodies.js';
import type { ElementInstanceRecord, IncidentRecord, ProcessInstanceRecord, ProcessInstanceState, TaskRecord, VariableRecord } from './records.js';

/** Builds the history rows for what happens at run time; the unit of work collects them. */
export class HistoryWriter {
  constructor(
    private readonly definition: ProcessDefinitionRecord,
    private readonly sink: (record: HistoryRecord) => void,
    private readonly now: () => Date,
  ) {}

  processStarted(instance: ProcessInstanceRecord, startActivityId: string | null): void {
    this.sink({ table: 'processInstance', row: this.processRow(instance, startActivityId, null, 'ACTIVE', null, null) });
  }

  processEnded(instance: ProcessInstanceRecord, state: ProcessInstanceState, endActivityId: string | null, deleteReason: string | null): void {
    this.sink({ table: 'processInstance', row: this.processRow(instance, null, endActivityId, state, this.now(), deleteReason) });
  }

  activityStarted(element: ElementInstanceRecord, node: FlowNode): void {
    this.sink({ table: 'activityInstance', row: this.activityRow(element, node, null, false, {}) });
  }

  activityEnded(element: ElementInstanceRecord, node: FlowNode, canceled: boolean, extra: Partial<HistoricActivityInstanceRecord> = {}): void {
    this.sink({ table: 'activityInstance', row: this.activityRow(element, node, this.now(), canceled, extra) });
  }

  /** fields that change while an activity runs (task id, assignee, called instance) */
  activityUpdated(element: ElementInstanceRecord, node: FlowNode, extra: Partial<HistoricActivityInstanceRecord>): void {
    this.sink({ table: 'activityInstance', row: this.activityRow(element, node, null, false, extra) });
  }

  variable(record: VariableRecord, deleted: boolean): void {
    this.sink({
      table: 'variable',
      row: {
        id: record.id,
        processInstanceId: record.processInstanceId,
        definitionId: this.definition.id,
        definitionKey: this.definition.key,
        activityInstanceId: record.scopeId,
        taskId: null,
        name: record.name,
        value: record.value,
        state: deleted ? 'DELETED' : 'CREATED',
        createTime: record.createTime,
        removalTime: deleted ? this.now() : null,
        tenantId: this.definition.tenantId,
      },
    });
  }

  task(task: TaskRecord, ended: { endTime: Date; deleteReason: string } | null): void {
    this.sink({
      table: 'task',
      row: {
        id: task.id,
        processInstanceId: task.processInstanceId,
        definitionId: task.definitionId,
        definitionKey: task.definitionKey,
        activityInstanceId: task.elementInstanceId,
        taskDefinitionKey: task.taskDefinitionKey,
        name: task.name,
        description: task.description,
        assignee: task.assignee,
        owner: task.owner,
        candidateUsers: task.candidateUsers,
        candidateGroups: task.candidateGroups,
        priority: task.priority,
        due: task.due,
        followUp: task.followUp,
        startTime: task.created,
        endTime: ended?.endTime ?? null,
        deleteReason: ended?.deleteReason ?? null,
        tenantId: task.tenantId,
      },
    });
  }

  incident(incident: IncidentRecord, state: 'OPEN' | 'RESOLVED' | 'DELETED'): void {
    this.sink({
      table: 'incident',
      row: {
        id: incident.id,
        type: incident.type,
        processInstanceId: incident.processInstanceId,
        definitionId: incident.definitionId,
        activityId: incident.activityId,
        message: incident.message,
        configuration: incident.configuration,
        created: incident.created,
        endTime: state === 'OPEN' ? null : this.now(),
        state,
        tenantId: incident.tenantId,
      },
    });
  }

  private processRow(
    instance: ProcessInstanceRecord,
    startActivityId: string | null,
    endActivityId: string | null,
    state: ProcessInstanceState,
    endTime: Date | null,
    deleteReason: string | null,
  ) {
    return {
      id: instance.id,
      businessKey: instance.businessKey,
      definitionId: this.definition.id,
      definitionKey: this.definition.key,
      definitionName: this.definition.name,
      definitionVersion: this.definition.version,
      startTime: instance.startTime,
      endTime,
      startUserId: instance.startUserId,
      startActivityId,
      endActivityId,
      superInstanceId: instance.superInstanceId,
      rootInstanceId: instance.rootInstanceId,
      state,
      deleteReason,
      tenantId: instance.tenantId,
    };
  }

  private activityRow(
    element: ElementInstanceRecord,
    node: FlowNode,
    endTime: Date | null,
    canceled: boolean,
    extra: Partial<HistoricActivityInstanceRecord>,
  ): HistoricActivityInstanceRecord {
    // a loop body is reported as Camunda reports a multi-instance body: `<id>#<body kind>`
    const body = isLoopBody(element.kind) ? element.kind : null;
    return {
      id: element.id,
      parentActivityInstanceId: element.parentId,
      activityId: body ? `${node.id}#${body}` : node.id,
      activityName: node.name,
      activityType: body ?? activityTypeOf(node),
      processInstanceId: element.processInstanceId,
      definitionId: this.definition.id,
      definitionKey: this.definition.key,
      taskId: null,
      calledProcessInstanceId: element.data.calledInstanceId ?? null,
      assignee: null,
      startTime: element.startTime,
      endTime,
      canceled,
      completeScope: false,
      tenantId: this.definition.tenantId,
      ...extra,
    };
  }
}
