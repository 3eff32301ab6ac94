import type { ExecutionContext } from '../execution/execution-context.js';
import type { IncidentRecord, IncidentType } from '../execution/records.js';

/** Opens an incident on an element instance, e.g. a job or external task out of retries. */
export function openIncident(
  ctx: ExecutionContext,
  type: IncidentType,
  elementInstanceId: string | null,
  activityId: string,
  message: string | null,
  configuration: string,
): IncidentRecord {
  const existing = ctx.aggregate.incidents.find((i) => i.configuration === configuration && i.type === type);
  if (existing) return existing;
  const id = ctx.newId();
  const incident: IncidentRecord = {
    id,
    type,
    processInstanceId: ctx.aggregate.id,
    elementInstanceId,
    definitionId: ctx.definition.record.id,
    activityId,
    message,
    configuration,
    created: ctx.now(),
    causeIncidentId: id,
    rootCauseIncidentId: id,
    tenantId: ctx.aggregate.instance.tenantId,
  };
  ctx.aggregate.incidents.insert(incident);
  ctx.history.incident(incident, 'OPEN');
  return incident;
}

/** Resolves the incidents about a job or external task (retries were given back). */
export function resolveIncidents(ctx: ExecutionContext, configuration: string): void {
  for (const incident of ctx.aggregate.incidents.filter((i) => i.configuration === configuration)) {
    ctx.aggregate.incidents.delete(incident.id);
    ctx.history.incident(incident, 'RESOLVED');
  }
}
