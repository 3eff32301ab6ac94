import { parseIsoDuration } from '../../engine/core/timers/index.js';
import { DEFAULT_CRM_OPTIONS } from '../crm-options.js';
import { slaTerms } from './sla-policy.js';

const now = new Date('2031-03-10T08:00:00Z');
const terms = (priority: 'low' | 'normal' | 'high' | 'urgent') => slaTerms(priority, DEFAULT_CRM_OPTIONS.sla, DEFAULT_CRM_OPTIONS.reminderShare, now);

describe('SLA policy', () => {
  it('gives urgent 4 hours, high 1 day, normal 3 days', () => {
    expect(terms('urgent')).toEqual({ slaDuration: 'PT4H', reminderDuration: 'PT180M', slaDueAt: new Date('2031-03-10T12:00:00Z') });
    expect(terms('high')).toEqual({ slaDuration: 'P1D', reminderDuration: 'PT1080M', slaDueAt: new Date('2031-03-11T08:00:00Z') });
    expect(terms('normal')).toEqual({ slaDuration: 'P3D', reminderDuration: 'PT3240M', slaDueAt: new Date('2031-03-13T08:00:00Z') });
  });

  it('puts the reminder before the breach, as a duration the engine reads', () => {
    for (const priority of ['low', 'normal', 'high', 'urgent'] as const) {
      const t = terms(priority);
      const reminderMs = (parseIsoDuration(t.reminderDuration).minutes ?? 0) * 60_000;
      expect(reminderMs).toBeGreaterThan(0);
      expect(now.getTime() + reminderMs).toBeLessThan(t.slaDueAt.getTime());
    }
  });
});
