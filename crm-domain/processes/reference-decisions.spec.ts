import { parseDmn, type CompiledDmn } from '../../engine/core/dmn/index.js';
import { levelForAmount } from '../assignment/assignment-rules.js';
import { COMPANY_TYPES } from '../companies/company.entity.js';
import { COMPLAINT_PRIORITIES, COMPLAINT_TYPES } from '../complaints/complaint.entity.js';
import { slaTerms } from '../complaints/sla-policy.js';
import { DEFAULT_CRM_OPTIONS } from '../crm-options.js';
import { LEAD_SOURCES } from '../leads/lead.entity.js';
import { findProcessesDir, readProcessResources } from './reference-processes.js';

/**
 * The decision tables in processes/ decide as the rules they replaced did (the CRM's options and
 * the thresholds deal-approval had): same inputs, same answers, at and around every boundary.
 */
describe('the reference decision tables keep the rules they replaced', () => {
  const tables = new Map<string, CompiledDmn>();
  beforeAll(async () => {
    for (const r of readProcessResources(findProcessesDir()).filter((r) => r.name.endsWith('.dmn'))) tables.set(r.name, await parseDmn(r.content, r.name));
  });
  const evaluate = (file: string, decision: string, variables: Record<string, unknown>) => tables.get(file)!.evaluate(decision, variables).result;

  const amounts = [0, 1, 49_999.99, 50_000, 50_000.01, 99_999.99, 100_000, 100_000.01, 199_999.99, 200_000, 250_000, 10_000_000];

  it('lead-routing.dmn: at or over 100,000 a senior manager, else (also without an amount) a junior one; no team', () => {
    for (const source of [...LEAD_SOURCES, null]) {
      for (const amount of [...amounts, null]) {
        expect([amount, source, evaluate('lead-routing.dmn', 'lead-routing', { amount, source })])
          .toEqual([amount, source, [{ level: levelForAmount(amount ?? 0, DEFAULT_CRM_OPTIONS.seniorLeadThreshold), team: null }]]);
      }
    }
  });

  it('deal-approval.dmn: a manager always, from 50,000 the head too, from 200,000 a director too, in that order, whatever the discount', () => {
    const before = (amount: number) => ['manager', ...(amount >= 50_000 ? ['head'] : []), ...(amount >= 200_000 ? ['director'] : [])];
    for (const discountPercent of [0, 5, 15, 50, null]) {
      for (const amount of amounts) {
        const levels = evaluate('deal-approval.dmn', 'deal-approval-levels', { amount, discountPercent, productCategory: null }).map((r) => r['level']);
        expect([amount, discountPercent, levels]).toEqual([amount, discountPercent, before(amount)]);
      }
    }
  });

  it('complaint-sla.dmn: the hours of the SLA per priority and the reminder at 75 % of them, for every type and segment', () => {
    const now = new Date('2031-03-01T09:00:00Z');
    for (const priority of COMPLAINT_PRIORITIES) {
      const old = slaTerms(priority, DEFAULT_CRM_OPTIONS.sla, DEFAULT_CRM_OPTIONS.reminderShare, now);
      for (const type of COMPLAINT_TYPES) {
        for (const customerSegment of [...COMPANY_TYPES, null]) {
          const [terms, ...more] = evaluate('complaint-sla.dmn', 'complaint-sla-terms', { priority, type, customerSegment });
          expect(more).toEqual([]);
          const hours = Number(terms!['slaHours']);
          expect([priority, hours * 3_600_000]).toEqual([priority, old.slaDueAt.getTime() - now.getTime()]);
          expect([priority, `PT${(hours * Number(terms!['reminderShare']) * 3600) / 60}M`]).toEqual([priority, old.reminderDuration]);
        }
      }
    }
  });
});
