import type { JobRecord } from '../../execution/records.js';
import { nextCycleDue } from './timers.js';

const cycleJob = (timerText: string, dueAt: string, firedCount = 0) =>
  ({ dueAt: new Date(dueAt), payload: { timerKind: 'cycle', timerText, firedCount } }) as unknown as JobRecord;

describe('nextCycleDue', () => {
  it('gives the next time of a cycle until its repetitions are used up', () => {
    expect(nextCycleDue(cycleJob('R3/2026-01-01T00:00:00Z/PT1H', '2026-01-01T00:00:00Z'))).toEqual(new Date('2026-01-01T01:00:00Z'));
    expect(nextCycleDue(cycleJob('R3/2026-01-01T00:00:00Z/PT1H', '2026-01-01T02:00:00Z', 2))).toBeNull();
  });

  it('ends a cycle whose next time falls after the year 9999, which no job can be stored for', () => {
    expect(nextCycleDue(cycleJob('R/2026-01-01T00:00:00Z/P9000Y', '2026-01-01T00:00:00Z'))).toBeNull();
    expect(nextCycleDue(cycleJob('R/9999-01-01T00:00:00Z/P1M', '9999-11-01T00:00:00Z'))).toEqual(new Date('9999-12-01T00:00:00Z'));
  });
});
