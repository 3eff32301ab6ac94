import { RecordingLimiter } from './recording-limiter.js';

describe('recording limiter', () => {
  let now = 0;
  const limiter = (ceiling = 100) => new RecordingLimiter({ windowMs: 60_000, ceiling, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('records the first event of a key per window, and then says how many it skipped', () => {
    const limit = limiter();
    expect(limit.admit('mary')).toEqual({ record: true, skippedBefore: 0 });
    now += 10_000;
    expect(limit.admit('mary')).toEqual({ record: false, overCeiling: false });
    expect(limit.admit('mary')).toEqual({ record: false, overCeiling: false });
    expect(limit.admit('max')).toEqual({ record: true, skippedBefore: 0 });
    now += 50_000;
    expect(limit.admit('mary')).toEqual({ record: true, skippedBefore: 2 });
    expect(limit.admit('mary')).toEqual({ record: false, overCeiling: false });
  });

  it('records at most `ceiling` events per window over all keys, counting the rest', () => {
    const limit = limiter(2);
    expect(limit.admit('a').record).toBe(true);
    expect(limit.admit('b').record).toBe(true);
    expect(limit.admit('c')).toEqual({ record: false, overCeiling: true });
    now += 60_000;
    expect(limit.admit('c')).toEqual({ record: true, skippedBefore: 0 });
    expect(limit.admit('a')).toEqual({ record: true, skippedBefore: 0 });
    expect(limit.admit('b')).toEqual({ record: false, overCeiling: true });
    now += 60_000;
    expect(limit.admit('b')).toEqual({ record: true, skippedBefore: 1 });
  });

  it('forgets keys after an hour of quiet, so guessing many logins cannot grow it without end', () => {
    const limit = limiter();
    limit.admit('mary');
    now += 60 * 60_000;
    limit.admit('max');
    expect(limit.admit('mary')).toEqual({ record: true, skippedBefore: 0 });
  });
});
