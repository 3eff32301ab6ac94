import type { EntityManager } from 'typeorm';
import type { ImportField } from './import-columns.js';

/** what the duplicate check is shown of one valid row */
export interface DuplicateCandidate {
  /** the row's number in the file (the header is row 1) */
  readonly rowNumber: number;
  readonly companyName: string;
  readonly companyEmail: string | null;
  readonly contactEmail: string | null;
}

/** why a row is judged a likely duplicate: the field that matched and a sentence for the report */
export interface DuplicateFinding {
  readonly field: ImportField;
  readonly message: string;
}

/** one pass over a file (a dry run, or an import from its cursor on): it remembers the rows it was shown */
export interface ImportDuplicateRun {
  /** the rows (in file order) that duplicate a stored record or a row shown before them in this pass */
  check(manager: EntityManager, rows: readonly DuplicateCandidate[]): Promise<Map<number, DuplicateFinding>>;
}

/**
 * The seam for finding duplicates among imported rows. The default below matches exact normalised
 * emails; a finder of likely duplicates (crm-domain/duplicates) can be provided under
 * IMPORT_DUPLICATE_CHECK instead. An import resumed after a restart starts a new pass: rows
 * imported before are then found in the database.
 */
export interface ImportDuplicateCheck {
  begin(): ImportDuplicateRun;
}

export const IMPORT_DUPLICATE_CHECK = Symbol('IMPORT_DUPLICATE_CHECK');

const normalisedEmail = (email: string | null) => (email ? email.trim().toLowerCase() : null);

/**
 * A row is a duplicate when its company email or its contact's email (trimmed, ignoring case)
 * equals a company's or contact's email stored (through the `lower(email)` indexes) or of an
 * earlier row of the file. Companies have no tax id yet; once they have one it belongs here too.
 */
export class ExactEmailDuplicateCheck implements ImportDuplicateCheck {
  begin(): ImportDuplicateRun {
    const earlier = new Map<string, number>();
    return {
      check: async (manager, rows) => {
        const emails = [...new Set(rows.flatMap((row) => [normalisedEmail(row.companyEmail), normalisedEmail(row.contactEmail)]).filter((e): e is string => e !== null))];
        const stored = new Set<string>();
        if (emails.length > 0) {
          const found = (await manager.query(
            `SELECT lower(email) AS email FROM crm.companies WHERE lower(email) = ANY($1::text[])
             UNION SELECT lower(email) FROM crm.contacts WHERE lower(email) = ANY($1::text[])`,
            [emails],
          )) as { email: string }[];
          for (const row of found) stored.add(row.email);
        }
        const findings = new Map<number, DuplicateFinding>();
        for (const row of rows) {
          const keys: [ImportField, string | null][] = [['companyEmail', normalisedEmail(row.companyEmail)], ['contactEmail', normalisedEmail(row.contactEmail)]];
          for (const [field, email] of keys) {
            if (!email) continue;
            const before = earlier.get(email);
            if (stored.has(email)) findings.set(row.rowNumber, { field, message: `a company or contact with the email '${email}' exists` });
            else if (before !== undefined && before < row.rowNumber && !findings.has(row.rowNumber)) findings.set(row.rowNumber, { field, message: `the email '${email}' is also in row ${before}` });
            if (findings.has(row.rowNumber)) break;
          }
          for (const [, email] of keys) if (email && !earlier.has(email)) earlier.set(email, row.rowNumber);
        }
        return findings;
      },
    };
  }
}
