import type { EntityManager } from 'typeorm';
import { ownerOfNew } from '../access/owner-rules.js';
import type { RecordViewer } from '../access/record-viewer.js';
import type { CreateCompany } from '../companies/company-schemas.js';
import { columnOf, mapRow, validateRow, type ColumnMapping, type RowError } from './import-columns.js';
import type { ImportDuplicateRun } from './import-duplicate-check.js';

export type DuplicatePolicy = 'skip' | 'import';

/** what a pass over a batch needs: its columns, mapping, policy and who imports */
export interface ImportSettings {
  readonly headers: readonly string[];
  readonly mapping: ColumnMapping;
  readonly duplicatePolicy: DuplicatePolicy;
  readonly importer: RecordViewer;
}

export interface ImportRow {
  readonly rowNumber: number;
  readonly cells: readonly string[];
}

/** a row's verdict: a company to write (with its owner resolved), a failure or a skipped duplicate, each with its reasons */
export type RowVerdict =
  | { readonly rowNumber: number; readonly outcome: 'valid'; readonly company: CreateCompany }
  | { readonly rowNumber: number; readonly outcome: 'failed' | 'skipped'; readonly errors: RowError[] };

/**
 * Judges rows as `POST /api/companies` would (the same body schema, the same owner rules for the
 * importer), then asks the duplicate check. Owners are named by email; they are looked up once
 * per pass.
 */
export class ImportRowChecker {
  private readonly ownerIds = new Map<string, string | null>();
  private readonly ownerRefusals = new Map<string, string>();

  constructor(
    private readonly settings: ImportSettings,
    private readonly duplicates: ImportDuplicateRun,
  ) {}

  async check(manager: EntityManager, rows: readonly ImportRow[]): Promise<RowVerdict[]> {
    const { headers, mapping } = this.settings;
    const mapped = rows.map((row) => ({ row, mapped: mapRow(row.cells, mapping) }));
    await this.lookUpOwners(manager, mapped.flatMap(({ mapped: m }) => (m.ownerEmail ? [m.ownerEmail] : [])));
    const verdicts: RowVerdict[] = [];
    for (const { row, mapped: m } of mapped) {
      const validated = validateRow(m, mapping, headers);
      const errors = 'errors' in validated ? [...validated.errors] : [];
      let ownerId: string | null = null;
      if (m.ownerEmail) {
        const ownerColumn = columnOf('ownerEmail', mapping, headers);
        const found = this.ownerIds.get(m.ownerEmail);
        if (!found) errors.push({ column: ownerColumn, message: `names no CRM user ('${m.ownerEmail}')` });
        else if (this.ownerRefusals.has(found)) errors.push({ column: ownerColumn, message: this.ownerRefusals.get(found)! });
        else ownerId = found;
      } else {
        ownerId = await this.ownerOf(manager, null);
      }
      if (errors.length > 0 || !('body' in validated)) verdicts.push({ rowNumber: row.rowNumber, outcome: 'failed', errors });
      else verdicts.push({ rowNumber: row.rowNumber, outcome: 'valid', company: { ...validated.body, ownerId, primaryContact: { ...validated.body.primaryContact, ownerId } } });
    }
    return this.judgeDuplicates(manager, verdicts);
  }

  private async judgeDuplicates(manager: EntityManager, verdicts: RowVerdict[]): Promise<RowVerdict[]> {
    const valid = verdicts.flatMap((v) => (v.outcome === 'valid' ? [v] : []));
    const findings = await this.duplicates.check(manager, valid.map(({ rowNumber, company: c }) => ({
      rowNumber,
      company: { name: c.name, email: c.email ?? null, phones: c.phones ?? [], taxId: c.taxId ?? null, city: c.city ?? null },
      contact: { name: c.primaryContact.fullName, email: c.primaryContact.email ?? null, phones: [c.primaryContact.workPhone, c.primaryContact.mobilePhone].filter((p): p is string => !!p) },
    })));
    if (findings.size === 0 || this.settings.duplicatePolicy === 'import') return verdicts;
    return verdicts.map((v) => {
      const finding = findings.get(v.rowNumber);
      if (v.outcome !== 'valid' || !finding) return v;
      return { rowNumber: v.rowNumber, outcome: 'skipped', errors: [{ column: columnOf(finding.field, this.settings.mapping, this.settings.headers), message: `likely duplicate (${finding.rule}): ${finding.message}` }] };
    });
  }

  private async lookUpOwners(manager: EntityManager, emails: readonly string[]): Promise<void> {
    const unknown = [...new Set(emails)].filter((email) => !this.ownerIds.has(email));
    if (unknown.length === 0) return;
    const rows = (await manager.query('SELECT id::text AS id, lower(email) AS email FROM crm.users WHERE lower(email) = ANY($1::text[])', [unknown])) as { id: string; email: string }[];
    const byEmail = new Map(rows.map((r) => [r.email, r.id]));
    for (const email of unknown) {
      const id = byEmail.get(email) ?? null;
      this.ownerIds.set(email, id);
      if (id) await this.ownerOf(manager, id);
    }
  }

  /** the owner rules of `POST /api/companies` for the importer, once per owner */
  private async ownerOf(manager: EntityManager, named: string | null): Promise<string | null> {
    try {
      return await ownerOfNew(manager, this.settings.importer, named, 'ownerId', 'company');
    } catch (error) {
      if (named) this.ownerRefusals.set(named, error instanceof Error ? error.message : String(error));
      return null;
    }
  }
}
