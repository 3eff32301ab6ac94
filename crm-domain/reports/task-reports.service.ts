import { Inject, Injectable } from '@nestjs/common';
import type { EngineQueries } from '../../engine/core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../../engine/nest/engine-providers.js';
import { ownerReached, positionalBind } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { CrmDatabase } from '../shared/crm-database.js';

/**
 * Open work per manager: process tasks assigned to them (engine) and CRM tasks they own; for the
 * people whose records the caller reaches (themselves, a head's team, everyone), and the
 * unassigned process tasks of the instances the caller sees.
 */
@Injectable()
export class TaskReportsService {
  constructor(
    private readonly db: CrmDatabase,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
  ) {}

  async openTasks(query: { teamId?: string | undefined }, viewer: RecordViewer) {
    const params: unknown[] = [query.teamId ?? null];
    const reached = viewer.records === 'all' ? 'TRUE' : ownerReached('u.id', viewer, positionalBind(params));
    const people = await this.db.query<{ id: string; name: string; role: string; team_id: string | null; crm_tasks: number; crm_overdue: number }>(
      `SELECT u.id::text AS id, u.name, u.role, u.team_id::text AS team_id,
         count(a.id)::int AS crm_tasks, count(a.id) FILTER (WHERE a.due_at < now())::int AS crm_overdue
       FROM crm.users u LEFT JOIN crm.activities a ON a.owner_id = u.id AND a.kind = 'task' AND NOT a.done
       WHERE u.active AND ($1::uuid IS NULL OR u.team_id = $1::uuid) AND ${reached}
       GROUP BY u.id ORDER BY u.name`,
      params,
    );
    const now = new Date();
    const rows = [];
    for (const person of people) {
      const [processTasks, processOverdue] = await Promise.all([
        this.queries.countTasks({ assignee: person.id }),
        this.queries.countTasks({ assignee: person.id, dueBefore: now }),
      ]);
      rows.push({
        user: { id: person.id, name: person.name, role: person.role, teamId: person.team_id },
        processTasks,
        overdueProcessTasks: processOverdue,
        crmTasks: person.crm_tasks,
        overdueCrmTasks: person.crm_overdue,
        total: processTasks + person.crm_tasks,
      });
    }
    const visibleTo = viewer.records === 'all' ? undefined : { userId: viewer.userId, groups: viewer.groups, records: viewer.records };
    const unassigned = await this.queries.countTasks({ unassigned: true, visibleTo });
    return { rows, unassignedProcessTasks: unassigned };
  }
}
