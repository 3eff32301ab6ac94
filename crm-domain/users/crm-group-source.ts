import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IdentityDirectory, type GroupSource, type SupervisedTeam, type TeamSource } from '../../engine/nest/identity-directory.js';
import { isUserRole, ROLE_ACCESS, seesAllTasks } from '../auth/roles.js';
import { CrmDatabase } from '../shared/crm-database.js';

const USER_ID = /^[0-9a-f-]{36}$/i;

/**
 * Candidate groups from the CRM: a user is in the group of their role (`manager`, `head`,
 * `director`, ...) and of their team's kind (`sales`, `service`). Models name these groups.
 * A head answers for the tasks of their team: its members (active or not, so their tasks can be
 * given on) and the groups its active members are in.
 */
@Injectable()
export class CrmGroupSource implements GroupSource, TeamSource, OnModuleInit {
  constructor(
    private readonly db: CrmDatabase,
    private readonly identity: IdentityDirectory,
  ) {}

  onModuleInit(): void {
    this.identity.addSource(this);
    this.identity.addTeamSource(this);
  }

  async groupsOf(userId: string): Promise<string[]> {
    if (!USER_ID.test(userId)) return [];
    const rows = await this.db.query<{ role: string; kind: string | null }>(
      'SELECT u.role, t.kind FROM crm.users u LEFT JOIN crm.teams t ON t.id = u.team_id WHERE u.id = $1 AND u.active',
      [userId],
    );
    const row = rows[0];
    return row ? [row.role, ...(row.kind ? [row.kind] : [])] : [];
  }

  async teamSupervisedBy(userId: string): Promise<SupervisedTeam | null> {
    if (!USER_ID.test(userId)) return null;
    const [head] = await this.db.query<{ role: string; team_id: string | null }>('SELECT role, team_id FROM crm.users WHERE id = $1 AND active', [userId]);
    if (!head?.team_id || !isUserRole(head.role)) return null;
    const access = ROLE_ACCESS[head.role];
    if (!access.supervises || seesAllTasks(access)) return null;
    const members = await this.db.query<{ id: string; role: string; kind: string; active: boolean }>(
      'SELECT u.id, u.role, t.kind, u.active FROM crm.users u JOIN crm.teams t ON t.id = u.team_id WHERE u.team_id = $1',
      [head.team_id],
    );
    const groups = members.filter((m) => m.active).flatMap((m) => [m.role, m.kind]);
    return { members: members.map((m) => m.id), groups: [...new Set(groups)] };
  }
}
