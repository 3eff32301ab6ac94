import type { DeployedDefinition } from '../../core/definitions/definition-record.js';
import { activityTypeOf } from '../../core/execution/activity-types.js';
import { isLoopBody } from '../../core/execution/loop-bodies.js';
import type { ElementInstanceRecord, IncidentRecord } from '../../core/execution/records.js';
import { nodeOf } from '../../core/model/graph.js';

export interface ActivityInstanceDto {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  name: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: ActivityInstanceDto[];
  childTransitionInstances: unknown[];
  executionIds: string[];
  incidentIds: string[];
  incidents: { id: string; activityId: string }[];
}

/** Camunda's activity-instance tree from the instance's element instances (tokens). */
export function activityInstanceTree(elements: readonly ElementInstanceRecord[], incidents: readonly IncidentRecord[], definition: DeployedDefinition): ActivityInstanceDto | null {
  const root = elements.find((e) => e.kind === 'process');
  if (!root) return null;
  const children = new Map<string, ElementInstanceRecord[]>();
  for (const e of elements) {
    if (!e.parentId) continue;
    const list = children.get(e.parentId) ?? [];
    list.push(e);
    children.set(e.parentId, list);
  }
  const build = (e: ElementInstanceRecord): ActivityInstanceDto => {
    const isRoot = e.kind === 'process';
    const node = isRoot ? null : nodeOf(definition.graph, e.elementId);
    const own = incidents.filter((i) => i.elementInstanceId === e.id);
    const kids = children.get(e.id) ?? [];
    return {
      id: e.id,
      parentActivityInstanceId: e.parentId,
      activityId: isRoot ? definition.record.id : isLoopBody(e.kind) ? `${e.elementId}#${e.kind}` : e.elementId,
      activityType: isRoot ? 'processDefinition' : isLoopBody(e.kind) ? e.kind : activityTypeOf(node!),
      activityName: isRoot ? definition.record.name : node!.name,
      name: isRoot ? definition.record.name : node!.name,
      processInstanceId: e.processInstanceId,
      processDefinitionId: definition.record.id,
      childActivityInstances: kids.filter((k) => k.state !== 'ACTIVATING').map(build),
      childTransitionInstances: kids.filter((k) => k.state === 'ACTIVATING').map((k) => ({
        id: k.id,
        parentActivityInstanceId: e.id,
        processInstanceId: k.processInstanceId,
        processDefinitionId: definition.record.id,
        activityId: k.elementId,
        activityName: nodeOf(definition.graph, k.elementId).name,
        activityType: activityTypeOf(nodeOf(definition.graph, k.elementId)),
        executionId: k.id,
        targetActivityId: k.elementId,
        incidentIds: incidents.filter((i) => i.elementInstanceId === k.id).map((i) => i.id),
      })),
      executionIds: [e.id],
      incidentIds: own.map((i) => i.id),
      incidents: own.map((i) => ({ id: i.id, activityId: i.activityId })),
    };
  };
  return build(root);
}
