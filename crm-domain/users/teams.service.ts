import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { applyFilters } from '../shared/list-filters.js';
import { readPage, type PageResult } from '../shared/list-query.js';
import { Team } from './team.entity.js';
import { definedOnly } from '../shared/defined-only.js';
import { teams, users } from './users.service.js';
import { teamList, type CreateTeam, type TeamListQuery, type UpdateTeam } from './user-schemas.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

const SORT = { sortable: { name: 'name', kind: 'kind', createdAt: 'createdAt' }, defaultSort: 'name' };

/** Sales and service teams, each with a head (escalations go to the service team's head). */
@Injectable()
export class TeamsService {
  constructor(private readonly db: CrmDatabase) {}

  list(query: TeamListQuery): Promise<PageResult<Team>> {
    const qb = this.db.dataSource.getRepository(Team).createQueryBuilder('t');
    return readPage(qb, query, SORT, applyFilters(qb, teamList, query));
  }

  get(id: string): Promise<Team> {
    return teams.get(this.db.dataSource.manager, id);
  }

  create(actor: string, input: CreateTeam): Promise<Team> {
    return this.db.transaction(actor, (tx) => this.insert(tx, input));
  }

  async insert(tx: CrmTx, input: CreateTeam): Promise<Team> {
    if (input.headId) await users.referenced(tx.manager, input.headId, 'headId');
    const now = new Date();
    return teams.insert(tx, { id: randomUUID(), name: input.name, kind: input.kind, headId: input.headId ?? null, createdAt: now, updatedAt: now });
  }

  update(actor: string, id: string, patch: UpdateTeam): Promise<Team> {
    return this.db.transaction(actor, async (tx) => {
      const before = await teams.get(tx.manager, id);
      if (patch.headId) await users.referenced(tx.manager, patch.headId, 'headId');
      return teams.update(tx, before, definedOnly(patch));
    });
  }

  remove(actor: string, id: string): Promise<void> {
    return this.db.transaction(actor, async (tx) => {
      const team = await teams.get(tx.manager, id);
      const [members] = await tx.manager.query('SELECT count(*)::int AS n FROM crm.users WHERE team_id = $1', [id]);
      if (members.n > 0) throw new CrmInvalidRequestError(`Team '${team.name}' still has ${members.n} members: move them to another team first`, 'CRM_INVALID_STATE');
      await teams.remove(tx, team);
    });
  }
}
