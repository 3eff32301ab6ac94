import type { SelectQueryBuilder } from 'typeorm';
import { dealList } from '../deals/deal-schemas.js';
import { complaintList } from '../complaints/complaint-schemas.js';
import { applyFilters } from './list-filters.js';
import { parseInput } from './validation.js';

/** a query builder that only records what it is asked to add */
function recordingBuilder(alias: string) {
  const added: [string, Record<string, unknown>][] = [];
  const qb = { alias, andWhere: (sql: string, params: Record<string, unknown>) => added.push([sql, params]) };
  return { qb: qb as unknown as SelectQueryBuilder<{ id: string }>, added };
}

describe('list filters as data', () => {
  it('turns the given parameters into one condition with named parameters, in the order the list declares them', () => {
    const { qb, added } = recordingBuilder('d');
    const query = parseInput(dealList.schema, { q: 'Big_', minAmount: '0', teamId: '3f1e0c1a-0000-4000-8000-000000000001', stage: 'won', archived: 'true' }, 'query');
    const { prefixFiltered } = applyFilters(qb, dealList, query);
    expect(added).toEqual([[
      'd.stage = :filter_0 AND d.owner_id IN (SELECT id FROM crm.users WHERE team_id = :filter_1) AND lower(d.title) LIKE :filter_2 AND d.amount >= :filter_3 AND d.archived_at IS NOT NULL',
      { filter_0: 'won', filter_1: '3f1e0c1a-0000-4000-8000-000000000001', filter_2: 'big\\_%', filter_3: 0 },
    ]]);
    expect(prefixFiltered).toBe('title');
  });

  it('applies the defaults of absent parameters (archived records stay out) and nothing else', () => {
    const { qb, added } = recordingBuilder('k');
    expect(applyFilters(qb, complaintList, parseInput(complaintList.schema, {}, 'query'))).toEqual({ prefixFiltered: undefined });
    expect(added).toEqual([['k.archived_at IS NULL', {}]]);
  });

  it('writes conditions of true flags only', () => {
    const overdue = recordingBuilder('k');
    applyFilters(overdue.qb, complaintList, parseInput(complaintList.schema, { overdue: 'true' }, 'query'));
    expect(overdue.added[0]?.[0]).toBe(`k.status IN ('new', 'in_progress') AND k.sla_due_at < now() AND k.archived_at IS NULL`);
    const notOverdue = recordingBuilder('k');
    applyFilters(notOverdue.qb, complaintList, parseInput(complaintList.schema, { overdue: 'false' }, 'query'));
    expect(notOverdue.added[0]?.[0]).toBe('k.archived_at IS NULL');
  });

  it('takes each parameter with the type it declares: a wrong one is a 400 naming it, an unknown one too', () => {
    expect(() => parseInput(dealList.schema, { minAmount: 'lots' }, 'query')).toThrow("Invalid query parameter 'minAmount': expected a number");
    expect(() => parseInput(dealList.schema, { colour: 'red' }, 'query')).toThrow("Unknown query parameter 'colour'");
  });
});
