import type { OpenedDatabase } from './data-source.js';
import { poolUsage } from './pool-usage.js';

describe('poolUsage', () => {
  const withPool = (pool: object, kind: 'postgres' | 'pglite' = 'postgres') => ({ kind, dataSource: { driver: { master: pool } }, location: 'x' }) as unknown as OpenedDatabase;

  it("reads pg-pool's counters: checked-out connections are busy, and statements waiting for one", () => {
    expect(poolUsage(withPool({ totalCount: 7, idleCount: 2, waitingCount: 31, options: { max: 10 } }))).toEqual({ size: 10, busy: 5, idle: 2, waiting: 31 });
  });

  it('has nothing to say of the embedded PGlite', () => {
    expect(poolUsage(withPool({}, 'pglite'))).toBeNull();
  });
});
