import { Injectable } from '@nestjs/common';
import { positionalBind, visibleCondition } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { RECORD_DEFINITIONS, type RecordType } from '../shared/record-types.js';

/**
 * How each record type is found by name: the rows (as `x`), the lower-cased name they are found by
 * (each backed by a `lower(col) text_pattern_ops` index) and the title shown. A complaint has no
 * name of its own: it is found by its company's, and shows it before its own title.
 */
interface SearchSource {
  readonly rows: string;
  readonly name: string;
  readonly title: string;
}

const ownName = (type: RecordType, column: string): SearchSource => ({ rows: `${RECORD_DEFINITIONS[type].table} x`, name: `lower(x.${column})`, title: RECORD_DEFINITIONS[type].title });

export const SEARCHABLE: Readonly<Partial<Record<RecordType, SearchSource>>> = {
  company: ownName('company', 'name'),
  contact: ownName('contact', 'full_name'),
  lead: ownName('lead', 'person_name'),
  deal: ownName('deal', 'title'),
  complaint: {
    rows: `(SELECT k.*, n.name AS company_name FROM crm.complaints k JOIN crm.companies n ON n.id = k.company_id) x`,
    name: 'lower(x.company_name)',
    title: `x.company_name || ' · ' || ${RECORD_DEFINITIONS.complaint.title}`,
  },
};
export const SEARCHABLE_TYPES = Object.keys(SEARCHABLE) as [RecordType, ...RecordType[]];

export interface FoundRecord {
  readonly type: RecordType;
  readonly id: string;
  readonly title: string;
}

/**
 * Records whose name starts with the text, ignoring case, of the types asked, among those the
 * caller sees: each type's prefix index (text_pattern_ops) finds the candidates already in its
 * order (`USING ~<~`: byte order of the lower-cased name), so a short prefix that matches
 * thousands reads 20 rows, not all of them; the visibility test narrows them, and the first
 * `limit` of each type are merged in the same order.
 */
@Injectable()
export class RecordSearchService {
  constructor(private readonly db: CrmDatabase) {}

  async search(text: string, types: readonly RecordType[], limit: number, viewer: RecordViewer): Promise<FoundRecord[]> {
    const params: unknown[] = [`${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit];
    const bind = positionalBind(params);
    const parts = types.map((type) => {
      const source = SEARCHABLE[type]!;
      const visible = visibleCondition(type, 'x', viewer, bind);
      return `(SELECT '${type}' AS type, x.id::text AS id, ${source.title} AS title, ${source.name} AS sort_name
        FROM ${source.rows}
        WHERE ${source.name} LIKE $1 AND x.archived_at IS NULL${visible ? ` AND ${visible}` : ''}
        ORDER BY ${source.name} USING ~<~ LIMIT $2)`;
    });
    const rows = await this.db.query<FoundRecord & { sort_name: string }>(`SELECT * FROM (${parts.join(' UNION ALL ')}) found ORDER BY sort_name COLLATE "C", type, id LIMIT $2`, params);
    return rows.map(({ type, id, title }) => ({ type, id, title }));
  }
}
