import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CrmDatabase } from '../shared/crm-database.js';
import { CrmInvalidRequestError, CrmNotFoundError } from '../shared/crm-errors.js';
import { parseInput } from '../shared/validation.js';
import { MAX_VIEWS_PER_LIST, VIEW_LISTS, type SaveView, type ViewList } from './saved-view-schemas.js';

export interface SavedView {
  readonly id: string;
  readonly list: ViewList;
  readonly name: string;
  readonly query: Record<string, string>;
  readonly createdAt: Date;
}

const COLUMNS = `id::text AS id, list, name, query, created_at AS "createdAt"`;

/** A user's named filters and sort per list; each user reads and changes only their own. */
@Injectable()
export class SavedViewsService {
  constructor(private readonly db: CrmDatabase) {}

  list(userId: string, list: ViewList): Promise<SavedView[]> {
    return this.db.query<SavedView>(`SELECT ${COLUMNS} FROM crm.saved_views WHERE user_id = $1 AND list = $2 ORDER BY lower(name)`, [userId, list]);
  }

  /** saving under a name the user already has for that list replaces that view */
  async save(userId: string, view: SaveView): Promise<SavedView> {
    const { page: _page, ...query } = view.query;
    // the list's own schema decides: a view that its list would refuse is refused now, naming the parameter
    try {
      parseInput(VIEW_LISTS[view.list], query, 'query');
    } catch (error) {
      throw new CrmInvalidRequestError(`Invalid request body: 'query' is not a query of the ${view.list} list: ${(error as Error).message}`);
    }
    const existing = await this.db.query<{ count: string }>('SELECT count(*)::text AS count FROM crm.saved_views WHERE user_id = $1 AND list = $2 AND lower(name) <> lower($3)', [userId, view.list, view.name]);
    if (Number(existing[0]?.count ?? 0) >= MAX_VIEWS_PER_LIST) {
      throw new CrmInvalidRequestError(`Invalid request body: 'name' would be view ${MAX_VIEWS_PER_LIST + 1} of the ${view.list} list: delete one first`);
    }
    const rows = await this.db.query<SavedView>(
      `INSERT INTO crm.saved_views (id, user_id, list, name, query) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, list, lower(name)) DO UPDATE SET name = EXCLUDED.name, query = EXCLUDED.query, created_at = now()
       RETURNING ${COLUMNS}`,
      [randomUUID(), userId, view.list, view.name, JSON.stringify(query)],
    );
    return rows[0]!;
  }

  /** another user's view answers 404, as a missing one */
  async remove(userId: string, id: string): Promise<void> {
    // a DELETE's answer through TypeORM is [rows, count]: select from it to get rows
    const rows = await this.db.query('WITH gone AS (DELETE FROM crm.saved_views WHERE id = $1 AND user_id = $2 RETURNING id) SELECT id FROM gone', [id, userId]);
    if (rows.length === 0) throw new CrmNotFoundError(`Saved view with id '${id}' does not exist`);
  }
}
