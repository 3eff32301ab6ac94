import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CrmDatabase } from '../shared/crm-database.js';
import { definedOnly } from '../shared/defined-only.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { applyFilters } from '../shared/list-filters.js';
import { readPage, type PageResult } from '../shared/list-query.js';
import { RecordStore } from '../shared/record-store.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';
import { userList, type CreateUser, type UpdateUser, type UserListQuery } from './user-schemas.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

export const users = new RecordStore(User, null, 'User');

/** a user as the API shows it: with their team's name and kind (sales/service), which are also their groups */
export type UserView = User & { team: { id: string; name: string; kind: Team['kind'] } | null };
export const teams = new RecordStore(Team, null, 'Team');

const SORT = { sortable: { name: 'name', email: 'email', role: 'role', createdAt: 'createdAt' }, defaultSort: 'name' };

/** CRM users: sales and service people with a role, managers with a level, in a team. */
@Injectable()
export class UsersService {
  constructor(private readonly db: CrmDatabase) {}

  async list(query: UserListQuery): Promise<PageResult<UserView>> {
    const page = await this.page(query);
    return { ...page, items: await this.withTeams(page.items) };
  }

  async get(id: string): Promise<UserView> {
    const [user] = await this.withTeams([await users.get(this.db.dataSource.manager, id)]);
    return user!;
  }

  private page(query: UserListQuery): Promise<PageResult<User>> {
    const qb = this.db.dataSource.getRepository(User).createQueryBuilder('u');
    return readPage(qb, query, SORT, applyFilters(qb, userList, query));
  }

  private async withTeams(list: readonly User[]): Promise<UserView[]> {
    const ids = [...new Set(list.map((u) => u.teamId).filter((id): id is string => id !== null))];
    const found = ids.length > 0 ? await this.db.dataSource.getRepository(Team).findBy(ids.map((id) => ({ id }))) : [];
    const byId = new Map(found.map((t) => [t.id, { id: t.id, name: t.name, kind: t.kind }]));
    return list.map((u) => ({ ...u, team: u.teamId ? (byId.get(u.teamId) ?? null) : null }));
  }

  /** `passwordHash`: an argon2id hash (crm-domain/auth), kept beside the record, never in it or its change log */
  create(actor: string, input: CreateUser, passwordHash?: string): Promise<User> {
    return this.db.transaction(actor, (tx) => this.insert(tx, input, passwordHash));
  }

  /** also used by the demo seed */
  async insert(tx: CrmTx, input: CreateUser, passwordHash?: string): Promise<User> {
    const now = new Date();
    const user: User = {
      id: randomUUID(),
      name: input.name,
      email: input.email.toLowerCase(),
      role: input.role,
      level: input.level ?? null,
      teamId: input.teamId ?? null,
      active: input.active ?? true,
      lastAssignedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.validate(tx, user);
    const created = await users.insert(tx, user);
    if (passwordHash) await tx.manager.query(`UPDATE crm.users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [user.id, passwordHash]);
    return created;
  }

  update(actor: string, id: string, patch: UpdateUser): Promise<User> {
    return this.db.transaction(actor, async (tx) => {
      const before = await users.get(tx.manager, id);
      const after = { ...before, ...definedOnly(patch), email: (patch.email ?? before.email).toLowerCase() };
      if (patch.role && patch.role !== 'manager' && patch.level === undefined) after.level = null;
      await this.validate(tx, after, id);
      return users.update(tx, before, { ...definedOnly(patch), email: after.email, level: after.level });
    });
  }

  /** users are deactivated, never deleted: their records and history keep their name */
  deactivate(actor: string, id: string): Promise<User> {
    return this.db.transaction(actor, async (tx) => users.update(tx, await users.get(tx.manager, id), { active: false }, 'deactivated'));
  }

  private async validate(tx: CrmTx, user: User, ownId?: string): Promise<void> {
    if (user.role === 'manager' && !user.level) throw new CrmInvalidRequestError(`Invalid request body: 'level' is required for managers (junior or senior)`);
    if (user.role !== 'manager' && user.level) throw new CrmInvalidRequestError(`Invalid request body: 'level' is only for managers, but the role is '${user.role}'`);
    if (user.teamId) await teams.referenced(tx.manager, user.teamId, 'teamId');
    const clash = await tx.manager.query('SELECT id FROM crm.users WHERE lower(email) = $1 AND id <> $2', [user.email, ownId ?? '00000000-0000-0000-0000-000000000000']);
    if (clash.length > 0) throw new CrmInvalidRequestError(`Invalid request body: 'email' ${user.email} is already used by another user`, 'CRM_EMAIL_TAKEN');
  }
}
