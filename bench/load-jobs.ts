import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CpuPerRoundTrip } from './process-cpu.js';
import type { Latency } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Target {
  readonly rest: string;
  readonly authorization: string;
}

export type LoadJob = Target &
  (
    | { readonly kind: 'roundtrip'; readonly total: number; readonly concurrency: number; readonly warmup: number; /** the service's process, to read its CPU (Linux) */ readonly servicePid?: number }
    | { readonly kind: 'openloop'; readonly rate: number; readonly seconds: number; readonly maxInFlight: number; readonly warmup: number; /** a CSV of every round trip written here (BENCH_TRACE_DIR) */ readonly traceFile?: string }
    | { readonly kind: 'external'; readonly total: number; readonly starters: number; readonly workers: number; readonly maxTasks: number }
    | { readonly kind: 'start'; readonly key: string; readonly concurrency: number; readonly variables: readonly Record<string, unknown>[] }
    | { readonly kind: 'probe'; readonly probes: readonly Probe[] }
    | { readonly kind: 'bpmn-engine'; readonly total: number; readonly concurrency: number; readonly warmup: number }
  );

export interface Probe {
  readonly name: string;
  readonly requests: readonly { readonly method: 'GET' | 'POST'; readonly path: string; readonly body?: unknown }[];
}

export interface RoundTripResult {
  readonly seconds: number;
  readonly rate: number;
  readonly roundTrip: Latency;
  readonly start: Latency;
  readonly complete: Latency;
  /** CPU of the measured round trips (not the warm-up), when the job named the service's process and /proc could be read */
  readonly cpu?: CpuPerRoundTrip | null;
}
export interface OpenLoopResult {
  readonly offered: number;
  readonly total: number;
  readonly achieved: number;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly skipped: number;
  readonly latency: Latency;
  /** the longest the service's event loop was held up during the measured seconds (ms) */
  readonly eventLoopDelayMax: number;
}
export interface ExternalResult {
  readonly seconds: number;
  readonly rate: number;
  readonly latency: Latency;
}

/** runs one job in a load-generator process of its own (loadgen.ts) and returns what it printed */
export async function runLoad<T>(job: LoadJob): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'loadgen.js')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdin.end(JSON.stringify(job));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator (${job.kind}) exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as T);
    });
  });
}
