import { describeMachine } from './machine.js';
import { ceiling } from './scenarios/ceiling.js';
import { cluster } from './scenarios/cluster.js';
import { deployTimes } from './scenarios/deploy.js';
import { externalTasks } from './scenarios/external.js';
import { faults } from './scenarios/faults.js';
import { importCompanies } from './scenarios/import.js';
import { memoryPerInstance } from './scenarios/memory.js';
import { openLoop } from './scenarios/openloop.js';
import { roundTrip } from './scenarios/roundtrip.js';
import { timers } from './scenarios/timers.js';
import { waitingInstances } from './scenarios/waiting.js';

/**
 * npm run bench [-- scenario ...]: the service runs as its own process (node on dist/app/main.js)
 * and every load comes from a load-generator process (loadgen.ts). See bench/README.md.
 */
const SCENARIOS: Record<string, { readonly what: string; readonly run: () => Promise<void> }> = {
  default: { what: 'round trip at 32 clients on PostgreSQL + Redis, with the bpmn-engine ratio', run: () => roundTrip({ concurrencies: [32], backends: ['postgres'] }) },
  roundtrip: { what: 'round trip, closed loop at 8/32/64 clients, PostgreSQL + Redis and PGlite', run: () => roundTrip({ concurrencies: [8, 32, 64], backends: ['postgres', 'pglite'] }) },
  openloop: { what: 'round trip at fixed offered rates 100/300/600 per second', run: openLoop },
  external: { what: 'straight-through external tasks (start, fetchAndLock, complete)', run: externalTasks },
  waiting: { what: 'start, complete, task lists and statistics at 1,000 vs N waiting instances, with EXPLAIN', run: waitingInstances },
  timers: { what: 'T timers due in the same minute: lateness and duplicates', run: timers },
  deploy: { what: 'deploy time of a generated 200-element model and of processes/', run: deployTimes },
  memory: { what: 'service memory per waiting instance', run: memoryPerInstance },
  ceiling: { what: 'the load generator against a trivial node:http server: the most this setup can measure', run: ceiling },
  cluster: { what: 'the round trip on 1, 2 and 3 nodes sharing PostgreSQL + Redis, with duplicates checked from history', run: cluster },
  import: { what: 'import of 300,000 companies with contacts from one CSV through the API (BENCH_IMPORT_ROWS)', run: importCompanies },
  faults: { what: 'the fault suite: six faults under load of a model with every durable mechanism, verdict from history', run: faults },
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => n !== 'all' && !(n in SCENARIOS));
  if (unknown.length > 0 || names.includes('--help')) {
    console.error(`Expected scenario names, but got ${unknown.join(', ') || '--help'}. Scenarios:`);
    for (const [name, s] of Object.entries(SCENARIOS)) console.error(`  ${name.padEnd(10)} ${s.what}`);
    console.error('  all        every scenario but default, one after the other');
    process.exit(unknown.length > 0 ? 2 : 0);
  }
  const chosen = names.length === 0 ? ['default'] : names.includes('all') ? Object.keys(SCENARIOS).filter((n) => n !== 'default') : names;
  for (const name of chosen) {
    console.log(`\n## ${name}: ${SCENARIOS[name]!.what}\n`);
    for (const line of describeMachine()) console.log(line);
    const begin = performance.now();
    await SCENARIOS[name]!.run();
    console.log(`(${name} took ${((performance.now() - begin) / 1000).toFixed(0)} s)`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
