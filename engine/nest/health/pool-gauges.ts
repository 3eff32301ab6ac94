import { Gauge, type Registry } from 'prom-client';
import type { OpenedDatabase } from '../../adapters/typeorm/data-source.js';
import { poolUsage } from '../../adapters/typeorm/pool-usage.js';

/** the node's PostgreSQL pool on /metrics, read as each scrape collects; nothing on the embedded PGlite, which has none */
export function registerPoolGauges(registry: Registry, db: OpenedDatabase): void {
  if (!poolUsage(db)) return;
  new Gauge({
    name: 'bpmn_database_pool_connections',
    help: 'PostgreSQL connections this node holds: busy (checked out) or idle',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = poolUsage(db)!;
      this.set({ state: 'busy' }, pool.busy);
      this.set({ state: 'idle' }, pool.idle);
    },
  });
  new Gauge({
    name: 'bpmn_database_pool_size',
    help: 'Most PostgreSQL connections this node opens (DATABASE_POOL_SIZE)',
    registers: [registry],
    collect() {
      this.set(poolUsage(db)!.size);
    },
  });
  new Gauge({
    name: 'bpmn_database_pool_waiting',
    help: 'Statements of this node waiting for a PostgreSQL connection',
    registers: [registry],
    collect() {
      this.set(poolUsage(db)!.waiting);
    },
  });
}
