import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad, type RoundTripResult } from '../load-jobs.js';
import { envList, envNumber } from '../models.js';
import { AUTH_HEADER } from '../service.js';
import { ms, printTable, rate } from '../table.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The measuring setup's ceiling: the round trip's load generator against a trivial node:http server
 * in its own process (bench/trivial-server.ts) that stores nothing. No service can be measured above
 * this on the same machine; compare the `roundtrip` rows with it.
 */
export async function ceiling(): Promise<void> {
  const total = envNumber('BENCH_INSTANCES', 2000) * 5;
  const concurrencies = envList('BENCH_CONCURRENCY', [8, 32, 64]);
  const server = spawn(process.execPath, [join(here, '..', 'trivial-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      server.once('exit', (code) => reject(new Error(`the trivial server exited with ${code}`)));
    });
    const rows: (string | number)[][] = [];
    for (const concurrency of concurrencies) {
      const result = await runLoad<RoundTripResult>({ kind: 'roundtrip', rest: `http://127.0.0.1:${port}/engine-rest`, authorization: AUTH_HEADER, total, concurrency, warmup: 500 });
      rows.push([concurrency, rate(result.rate), `${ms(result.roundTrip.p50)} / ${ms(result.roundTrip.p99)}`]);
    }
    printTable(`the measuring ceiling: the round trip against a trivial node:http server, ${total} round trips per row`, ['clients', 'round trips/s', 'round trip p50 / p99 ms'], rows);
  } finally {
    server.kill();
  }
}
