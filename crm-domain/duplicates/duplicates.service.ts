import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { whereVisible } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { Company } from '../companies/company.entity.js';
import { Contact } from '../companies/contact.entity.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { CrmConflictError } from '../shared/crm-errors.js';
import { parseInput } from '../shared/validation.js';
import { findDuplicates, type DuplicateCandidate, type DuplicateMatch } from './duplicate-finder.js';
import { confirmDuplicateQuery, type DuplicateQuery } from './duplicate-schemas.js';

const LABELS = { company: 'company', contact: 'contact', lead: 'lead' } as const;

/** Likely duplicates for the API: the finder over the caller's records, and the check before a create. */
@Injectable()
export class DuplicatesService {
  constructor(private readonly db: CrmDatabase) {}

  /** GET /api/duplicates: records the caller sees, never a count of others */
  async find(query: DuplicateQuery, viewer: RecordViewer): Promise<{ items: DuplicateMatch[] }> {
    const phones = query.phone === undefined ? [] : Array.isArray(query.phone) ? query.phone : [query.phone];
    const manager = this.db.dataSource.manager;
    const items = await withVisibleDetails(manager, await findDuplicates(manager, { ...query, phones }, viewer), viewer);
    return { items };
  }

  /**
   * Before a create by a person: 409 CRM_LIKELY_DUPLICATE with the candidates the caller sees,
   * unless the request says `?confirmDuplicate=true`. Records the caller does not see do not
   * refuse it (they could not be shown). Several candidates (a lead's conversion makes a company
   * and its contact) are looked up in turn and refused together; `manager` reads inside a transaction.
   */
  async refuseLikely(candidate: DuplicateCandidate | readonly DuplicateCandidate[], viewer: RecordViewer, query: unknown, manager: EntityManager = this.db.dataSource.manager): Promise<void> {
    if (confirmsDuplicate(query)) return;
    const found: DuplicateMatch[] = [];
    for (const one of listOf(candidate)) found.push(...(await findDuplicates(manager, one, viewer)));
    const candidates = await withVisibleDetails(manager, found, viewer);
    if (candidates.length === 0) return;
    throw new CrmConflictError(
      `The new ${newWhat(candidate)} looks like ${existingWhat(candidates)} (${candidates.map((c) => `'${c.title}': ${c.matched.join(', ')}`).join('; ')}); repeat with ?confirmDuplicate=true to create it anyway`,
      'CRM_LIKELY_DUPLICATE',
      { candidates },
    );
  }
}

export function confirmsDuplicate(query: unknown): boolean {
  return parseInput(confirmDuplicateQuery, query, 'query').confirmDuplicate === true;
}

function newWhat(candidate: DuplicateCandidate | readonly DuplicateCandidate[]): string {
  return listOf(candidate).map((one) => LABELS[one.type]).join(' and ');
}

function existingWhat(candidates: readonly DuplicateMatch[]): string {
  const label = LABELS[candidates[0]!.type];
  if (candidates.length === 1) return `an existing ${label}`;
  if (candidates.some((c) => c.type !== candidates[0]!.type)) return `${candidates.length} existing records`;
  return `${candidates.length} existing ${label === 'company' ? 'companies' : `${label}s`}`;
}

function listOf(candidate: DuplicateCandidate | readonly DuplicateCandidate[]): readonly DuplicateCandidate[] {
  return 'type' in candidate ? [candidate] : candidate;
}

/**
 * A contact is seen by its owner even at a company they do not see: its detail (the company's
 * name) is then left out, as the company's own record would be.
 */
async function withVisibleDetails(manager: EntityManager, matches: DuplicateMatch[], viewer: RecordViewer): Promise<DuplicateMatch[]> {
  const contactIds = matches.flatMap((m) => (m.type === 'contact' && m.detail !== null ? [m.id] : []));
  if (contactIds.length === 0 || viewer.records === 'all') return matches;
  const contacts = await manager.getRepository(Contact).createQueryBuilder('k').select(['k.id', 'k.companyId']).where('k.id IN (:...ids)', { ids: contactIds }).getMany();
  const companyIds = [...new Set(contacts.map((c) => c.companyId))];
  const visible = await whereVisible(manager.getRepository(Company).createQueryBuilder('c').select('c.id').where('c.id IN (:...ids)', { ids: companyIds }), 'company', viewer).getMany();
  const seen = new Set(visible.map((c) => c.id));
  const companyOf = new Map(contacts.map((c) => [c.id, c.companyId]));
  return matches.map((m) => (m.type === 'contact' && !seen.has(companyOf.get(m.id) ?? '') ? { ...m, detail: null } : m));
}
