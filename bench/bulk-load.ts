import type pg from 'pg';

/**
 * Parks instances by copying one real instance's rows (started through the API, so every table
 * the engine reads holds what the engine wrote) with INSERT ... SELECT over generate_series:
 * each id the template instance owns keeps its first 24 characters and gets the clone number as
 * its last 12 hex digits, so ids stay UUID-shaped and every reference between rows stays right.
 * The template's assignee and candidate group are spread over `users` and `groups` names.
 */
export interface Template {
  readonly instanceId: string;
  /** spread over `users` and `groups` names when given (a model without tasks has neither) */
  readonly assignee?: string;
  readonly group?: string;
  readonly users?: number;
  readonly groups?: number;
}

interface TemplateTable {
  readonly table: string;
  readonly copy: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export function cloneId(templateId: string, clone: number): string {
  const match = templateId.match(UUID)?.[0];
  if (!match) throw new Error(`Expected a UUID in the template id, but got '${templateId}'`);
  return templateId.replace(match, `${match.slice(0, 24)}${clone.toString(16).padStart(12, '0')}`);
}

export class InstanceCloner {
  private constructor(
    private readonly db: pg.Client,
    private readonly template: Template,
    private readonly tables: readonly TemplateTable[],
    private readonly ownedUuids: readonly string[],
  ) {}

  /** copies the template's rows of every engine table into temporary tables, once */
  static async prepare(db: pg.Client, template: Template): Promise<InstanceCloner> {
    const names = (await db.query<{ t: string }>(`SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema = 'engine' AND table_type = 'BASE TABLE' ORDER BY 1`)).rows.map((r) => r.t);
    const tables: TemplateTable[] = [];
    const owned = new Set<string>();
    for (const table of names) {
      const copy = `bench_template_${template.instanceId.slice(0, 8)}_${table.replace('.', '_')}`;
      await db.query(`CREATE TEMP TABLE ${copy} AS SELECT * FROM ${table} x WHERE row_to_json(x)::text LIKE $1`, [`%${template.instanceId}%`]);
      const rows = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${copy}`)).rows[0]!.n);
      if (rows === 0) continue;
      const columns = (await db.query<{ name: string; type: string }>(
        `SELECT column_name AS name, CASE WHEN data_type = 'ARRAY' THEN substr(udt_name, 2) || '[]' ELSE data_type END AS type
           FROM information_schema.columns WHERE table_schema || '.' || table_name = $1 AND is_generated <> 'ALWAYS' ORDER BY ordinal_position`, [table])).rows;
      if (columns.some((c) => c.name === 'id')) {
        for (const { id } of (await db.query<{ id: string }>(`SELECT id::text AS id FROM ${copy}`)).rows) for (const uuid of id.match(UUID) ?? []) owned.add(uuid);
      }
      tables.push({ table, copy, columns });
    }
    return new InstanceCloner(db, template, tables, [...owned]);
  }

  get tableNames(): readonly string[] {
    return this.tables.map((t) => t.table);
  }

  /** inserts clones number `from` to `to` (inclusive), in batches of `batch` */
  async clone(from: number, to: number, batch = 20_000): Promise<void> {
    for (let first = from; first <= to; first += batch) {
      const last = Math.min(to, first + batch - 1);
      for (const t of this.tables) {
        const began = performance.now();
        const list = t.columns.map((c) => `"${c.name}"`).join(', ');
        const values = t.columns.map((c) => this.expression(c)).join(', ');
        await this.db.query(
          `INSERT INTO ${t.table} (${list})
           SELECT ${values} FROM ${t.copy} x, generate_series($1::int, $2::int) g,
             LATERAL (SELECT lpad(to_hex(g), 12, '0') AS h,
                             $3 || lpad((g % $4::int)::text, 6, '0') AS u,
                             $5 || lpad((g % $6::int)::text, 3, '0') AS grp) k`,
          [first, last, (this.template.assignee ?? '').slice(0, -6), this.template.users ?? 1, (this.template.group ?? '').slice(0, -3), this.template.groups ?? 1],
        );
        if (process.env['BENCH_VERBOSE'] === 'true') console.log(`  ${t.table}: ${last - first + 1} rows in ${(performance.now() - began).toFixed(0)} ms`);
      }
    }
  }

  /** as autovacuum would leave them: statistics, visibility map, GIN pending lists merged */
  async vacuumAnalyze(): Promise<void> {
    for (const t of this.tables) await this.db.query(`VACUUM ANALYZE ${t.table}`);
  }

  private expression(column: { readonly name: string; readonly type: string }): string {
    const textual = column.type === 'text' || column.type === 'jsonb' || column.type.endsWith('[]');
    if (!textual) return `x."${column.name}"`;
    let value = `x."${column.name}"::text`;
    for (const uuid of this.ownedUuids) value = `replace(${value}, '${uuid}', '${uuid.slice(0, 24)}' || k.h)`;
    if (this.template.assignee) value = `replace(${value}, '${this.template.assignee}', k.u)`;
    if (this.template.group) value = `replace(${value}, '${this.template.group}', k.grp)`;
    return column.type === 'text' ? value : `(${value})::${column.type}`;
  }
}
