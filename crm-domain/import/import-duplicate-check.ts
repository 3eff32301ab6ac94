import type { EntityManager } from 'typeorm';
import type { RecordViewer } from '../access/record-viewer.js';
import { findDuplicatesOfMany, type RuleMatch } from '../duplicates/duplicate-batch-finder.js';
import { DUPLICATE_RULES, type DuplicateRule } from '../duplicates/duplicate-rules.js';
import { cityKey, emailKey, nameKey, normaliseTaxId, phoneKey } from '../duplicates/normalise.js';
import type { ImportField } from './import-columns.js';

/** what the duplicate check is shown of one valid row: the company and its first contact */
export interface ImportCandidate {
  /** the row's number in the file (the header is row 1) */
  readonly rowNumber: number;
  readonly company: { readonly name: string; readonly email: string | null; readonly phones: readonly string[]; readonly taxId: string | null; readonly city: string | null };
  readonly contact: { readonly name: string; readonly email: string | null; readonly phones: readonly string[] };
}

/** why a row is judged a likely duplicate: the rule, the field that matched, and a sentence naming the record or row it matches */
export interface DuplicateFinding {
  readonly rule: DuplicateRule;
  readonly field: ImportField;
  readonly message: string;
}

/** one pass over a file (a dry run, or an import from its cursor on): it remembers the rows it was shown */
export interface ImportDuplicateRun {
  /** the rows (in file order) that duplicate a stored record or a row shown before them in this pass */
  check(manager: EntityManager, rows: readonly ImportCandidate[]): Promise<Map<number, DuplicateFinding>>;
}

/**
 * The seam for finding duplicates among imported rows (provided as IMPORT_DUPLICATE_CHECK). An
 * import resumed after a restart starts a new pass: rows imported before are then found in the
 * database. `importer`: only records they see are compared (as when they create one).
 */
export interface ImportDuplicateCheck {
  begin(importer: RecordViewer): ImportDuplicateRun;
}

export const IMPORT_DUPLICATE_CHECK = Symbol('IMPORT_DUPLICATE_CHECK');

/** a key of a row that an earlier row of the file may share: the rule, the field it is in, the normalised value */
interface RowKey {
  readonly rule: DuplicateRule;
  readonly field: ImportField;
  readonly value: string;
}

const RULE_WORDS: Readonly<Record<DuplicateRule, string>> = { taxId: 'the same tax id', email: 'the same email', phone: 'the same phone number', name: 'a close name in the same city' };

/**
 * The duplicate rules of crm-domain/duplicates applied to imported rows, per chunk rather than per
 * row: the company of each row against the stored companies (tax id, email, phone, close name in
 * the same city), its contact against the stored contacts (email, phone), each type in one
 * statement (findDuplicatesOfMany). Within the file a row duplicates an earlier row with the same
 * keys; for names that is the same name key in the same city. Records are compared as stored when
 * the pass began: the rows this pass imports are compared as rows of the file, so a dry run and its
 * import judge alike (a close name in an earlier row would otherwise count once imported). The
 * first rule matched (in DUPLICATE_RULES order) is reported, an earlier row before a stored record.
 */
export class RuleDuplicateCheck implements ImportDuplicateCheck {
  begin(importer: RecordViewer): ImportDuplicateRun {
    const earlier = new Map<string, number>();
    const keyOf = (key: RowKey) => `${key.rule}\u0000${key.field}\u0000${key.value}`;
    let passBegan: string | null = null;
    return {
      check: async (manager, rows) => {
        // now(): a chunk's transaction start, which is also the created_at of the companies it writes
        passBegan ??= ((await manager.query(`SELECT now()::text AS now`)) as { now: string }[])[0]!.now;
        const options = { viewer: importer, storedBefore: passBegan };
        const companies = await findDuplicatesOfMany(manager, 'company', rows.map((row) => ({ key: row.rowNumber, ...row.company })), options);
        const contacts = await findDuplicatesOfMany(manager, 'contact', rows.map((row) => ({ key: row.rowNumber, name: row.contact.name, email: row.contact.email, phones: row.contact.phones })), options);
        const findings = new Map<number, DuplicateFinding>();
        for (const row of rows) {
          const keys = rowKeys(row);
          const stored = [...storedFindings(companies.get(row.rowNumber), 'company'), ...storedFindings(contacts.get(row.rowNumber), 'contact')];
          for (const rule of DUPLICATE_RULES) {
            // earlier only: a chunk written again row by row (import-runner.ts) shows its rows a second time
            const inFile = keys.find((key) => key.rule === rule && (earlier.get(keyOf(key)) ?? Infinity) < row.rowNumber);
            const finding = inFile
              ? { rule, field: inFile.field, message: `row ${earlier.get(keyOf(inFile))} has ${rule === 'name' ? 'the same name in the same city' : RULE_WORDS[rule]}` }
              : stored.find((f) => f.rule === rule);
            if (finding) {
              findings.set(row.rowNumber, finding);
              break;
            }
          }
          for (const key of keys) if (!earlier.has(keyOf(key))) earlier.set(keyOf(key), row.rowNumber);
        }
        return findings;
      },
    };
  }
}

/** the keys by which a later row of the file duplicates this one, normalised as the rules compare them */
function rowKeys({ company, contact }: ImportCandidate): RowKey[] {
  const keys: (RowKey | null)[] = [
    keyed('taxId', 'taxId', normaliseTaxId(company.taxId)),
    keyed('email', 'companyEmail', emailKey(company.email)),
    ...company.phones.map((phone) => keyed('phone', 'companyPhone', phoneKey(phone))),
    keyed('name', 'companyName', company.city && nameKey(company.name) && `${nameKey(company.name)}\u0000${cityKey(company.city)}`),
    keyed('email', 'contactEmail', emailKey(contact.email)),
    ...contact.phones.map((phone) => keyed('phone', 'contactPhone', phoneKey(phone))),
  ];
  return keys.filter((key): key is RowKey => key !== null);
}

function keyed(rule: DuplicateRule, field: ImportField, value: string | null | undefined): RowKey | null {
  return value ? { rule, field, value } : null;
}

/** the import field a stored record's rule matched by */
const FIELD_OF_RULE: Readonly<Record<'company' | 'contact', Partial<Record<DuplicateRule, ImportField>>>> = {
  company: { taxId: 'taxId', email: 'companyEmail', phone: 'companyPhone', name: 'companyName' },
  contact: { email: 'contactEmail', phone: 'contactPhone', name: 'contactName' },
};

function storedFindings(matches: readonly RuleMatch[] | undefined, type: 'company' | 'contact'): DuplicateFinding[] {
  return (matches ?? []).map((match) => ({
    rule: match.rule,
    field: FIELD_OF_RULE[type][match.rule] ?? (type === 'company' ? 'companyName' : 'contactName'),
    message: `the ${type} '${match.title}' has ${RULE_WORDS[match.rule]}`,
  }));
}
