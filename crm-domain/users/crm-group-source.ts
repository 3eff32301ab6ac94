import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IdentityDirectory, type GroupSource } from '../../engine/nest/identity-directory.js';
import { CrmDatabase } from '../shared/crm-database.js';

/**
 * Candidate groups from the CRM: a user is in the group of their role (`manager`, `head`,
 * `director`, ...) and of their team's kind (`sales`, `service`). Models name these groups.
 */
@Injectable()
export class CrmGroupSource implements GroupSource, OnModuleInit {
  constructor(
    private readonly db: CrmDatabase,
    private readonly identity: IdentityDirectory,
  ) {}

  onModuleInit(): void {
    this.identity.addSource(this);
  }

  async groupsOf(userId: string): Promise<string[]> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) return [];
    const rows = await this.db.query<{ role: string; kind: string | null }>(
      'SELECT u.role, t.kind FROM crm.users u LEFT JOIN crm.teams t ON t.id = u.team_id WHERE u.id = $1 AND u.active',
      [userId],
    );
    const row = rows[0];
    return row ? [row.role, ...(row.kind ? [row.kind] : [])] : [];
  }
}
