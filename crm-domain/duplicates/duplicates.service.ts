import { Injectable } from '@nestjs/common';
import type { RecordViewer } from '../access/record-viewer.js';
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
    const items = await findDuplicates(this.db.dataSource.manager, { ...query, phones }, viewer);
    return { items };
  }

  /**
   * Before a create by a person: 409 CRM_LIKELY_DUPLICATE with the candidates the caller sees,
   * unless the request says `?confirmDuplicate=true`. Records the caller does not see do not
   * refuse it (they could not be shown).
   */
  async refuseLikely(candidate: DuplicateCandidate, viewer: RecordViewer, query: unknown): Promise<void> {
    if (parseInput(confirmDuplicateQuery, query, 'query').confirmDuplicate) return;
    const candidates = await findDuplicates(this.db.dataSource.manager, candidate, viewer);
    if (candidates.length === 0) return;
    const label = LABELS[candidate.type];
    throw new CrmConflictError(
      `The new ${label} looks like ${candidates.length === 1 ? `an existing ${label}` : `${candidates.length} existing ${label === 'company' ? 'companies' : `${label}s`}`} (${candidates.map((c) => `'${c.title}': ${c.matched.join(', ')}`).join('; ')}); repeat with ?confirmDuplicate=true to create it anyway`,
      'CRM_LIKELY_DUPLICATE',
      { candidates },
    );
  }
}
