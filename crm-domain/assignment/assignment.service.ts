import { Injectable } from '@nestjs/common';
import type { CrmTx } from '../shared/crm-tx.js';
import type { ManagerLevel } from '../users/user.entity.js';
import type { AssignmentCandidate } from './assignment-rules.js';

interface CandidateRow {
  id: string;
  level: ManagerLevel | null;
  team: string;
  load: number;
  last_assigned_at: Date | null;
}

/**
 * Reads who can take work and how loaded they are, locking their rows so two concurrent
 * assignments see each other's result, and records each assignment for the round-robin.
 */
@Injectable()
export class AssignmentService {
  /** active managers of sales teams; load = open leads + open deals they own */
  salesManagers(tx: CrmTx): Promise<AssignmentCandidate[]> {
    return this.candidates(tx, 'sales', `
      (SELECT count(*) FROM crm.leads l WHERE l.owner_id = u.id AND l.status IN ('new', 'qualifying') AND l.archived_at IS NULL)
      + (SELECT count(*) FROM crm.deals d WHERE d.owner_id = u.id AND d.stage NOT IN ('won', 'lost') AND d.archived_at IS NULL)`);
  }

  /** active managers of service teams; load = open complaints assigned to them */
  serviceAgents(tx: CrmTx): Promise<AssignmentCandidate[]> {
    return this.candidates(tx, 'service', `
      (SELECT count(*) FROM crm.complaints c WHERE c.assignee_id = u.id AND c.status IN ('new', 'in_progress'))`);
  }

  async markAssigned(tx: CrmTx, userId: string): Promise<void> {
    await tx.manager.query('UPDATE crm.users SET last_assigned_at = clock_timestamp() WHERE id = $1', [userId]);
  }

  private async candidates(tx: CrmTx, teamKind: 'sales' | 'service', loadSql: string): Promise<AssignmentCandidate[]> {
    const rows = (await tx.manager.query(
      `SELECT u.id, u.level, t.name AS team, u.last_assigned_at, (${loadSql})::int AS load
       FROM crm.users u JOIN crm.teams t ON t.id = u.team_id
       WHERE u.active AND u.role = 'manager' AND t.kind = $1
       ORDER BY u.id
       FOR UPDATE OF u`,
      [teamKind],
    )) as CandidateRow[];
    return rows.map((r) => ({ id: r.id, level: r.level, team: r.team, load: Number(r.load), lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at) : null }));
  }
}
