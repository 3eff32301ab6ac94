import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOnBpmnEngine } from './bpmn-engine-run.js';
import { leadRoutingRoundTrip, RestClient } from './rest-client.js';
import { cpuPerRoundTrip, sampleCpu } from './process-cpu.js';
import { pool, summarize } from './stats.js';
import type { LoadJob, OpenLoopResult } from './load-jobs.js';
import { eventLoopDelayMax } from './event-loop-delay.js';

/**
 * The load generator, a process of its own (see load-jobs.ts, which starts it): it reads one job
 * from its standard input, runs it and prints its result as one JSON line, so its CPU is never the service's.
 */
const here = dirname(fileURLToPath(import.meta.url));

async function run(job: LoadJob): Promise<unknown> {
  const client = new RestClient(job.rest, job.authorization);
  switch (job.kind) {
    case 'roundtrip': {
      await pool(job.warmup, job.concurrency, (i) => leadRoutingRoundTrip(client, i));
      const roundTrip: number[] = [];
      const timings = { start: [] as number[], complete: [] as number[] };
      const cpuBefore = job.servicePid ? sampleCpu(job.servicePid) : null;
      const begin = performance.now();
      await pool(job.total, job.concurrency, async (i) => {
        const t = performance.now();
        const steps = await leadRoutingRoundTrip(client, i);
        roundTrip.push(performance.now() - t);
        timings.start.push(steps.start);
        timings.complete.push(steps.complete);
      });
      const seconds = (performance.now() - begin) / 1000;
      const cpuAfter = job.servicePid ? sampleCpu(job.servicePid) : null;
      return {
        seconds, rate: job.total / seconds, roundTrip: summarize(roundTrip), start: summarize(timings.start), complete: summarize(timings.complete),
        cpu: cpuBefore && cpuAfter ? cpuPerRoundTrip(cpuBefore, cpuAfter, job.total) : null,
      };
    }
    case 'openloop':
      // in this process and on its connections, so neither the client's code nor its sockets are new when the rate starts
      await pool(job.warmup, 16, (i) => leadRoutingRoundTrip(client, i));
      await eventLoopDelayMax(job.rest, job.authorization);
      return { ...(await openLoop(client, job.rate, job.seconds, job.maxInFlight, job.traceFile)), eventLoopDelayMax: await eventLoopDelayMax(job.rest, job.authorization) };
    case 'external':
      return externalTasks(client, job.total, job.starters, job.workers, job.maxTasks);
    case 'start': {
      const ids: string[] = [];
      await pool(job.variables.length, job.concurrency, async (i) => {
        const started = await client.post<{ id: string }>(`/process-definition/key/${job.key}/start`, { variables: job.variables[i] });
        ids[i] = started.id;
      });
      return { ids };
    }
    case 'probe': {
      const results: Record<string, ReturnType<typeof summarize>> = {};
      for (const probe of job.probes) {
        const samples: number[] = [];
        for (const request of probe.requests) {
          const t = performance.now();
          if (request.method === 'GET') await client.get(request.path);
          else await client.post(request.path, request.body ?? {});
          samples.push(performance.now() - t);
        }
        results[probe.name] = summarize(samples);
      }
      return results;
    }
    case 'bpmn-engine': {
      const xml = readFileSync(join(here, '..', '..', 'bench', 'models', 'lead-routing.bpmn'), 'utf8');
      await runOnBpmnEngine(xml, job.warmup, job.concurrency);
      const { seconds } = await runOnBpmnEngine(xml, job.total, job.concurrency);
      return { seconds, rate: job.total / seconds };
    }
  }
}

/**
 * Round trips sent at a fixed rate whatever the service does: each one's latency counts from the
 * time it was meant to be sent (so a stalled service cannot hide its queue, no coordinated omission).
 */
async function openLoop(client: RestClient, rate: number, seconds: number, maxInFlight: number, traceFile?: string): Promise<Omit<OpenLoopResult, 'eventLoopDelayMax'>> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  let inFlight = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  let skipped = 0;
  let lastDone = 0;
  const pending: Promise<void>[] = [];
  const trace: string[] = ['intended_ms,sent_late_ms,start_ms,query_ms,complete_ms,latency_ms,intended_epoch_ms'];
  const begin = performance.now();
  for (let i = 0; i < total; i++) {
    const intended = begin + i * interval;
    const wait = intended - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= maxInFlight) {
      skipped++;
      continue;
    }
    inFlight++;
    pending.push(
      leadRoutingRoundTrip(client, i).then(
        (steps) => {
          const now = performance.now();
          latencies.push(now - intended);
          lastDone = now;
          if (traceFile) trace.push([intended - begin, steps.sent - intended, steps.start, steps.query, steps.complete, now - intended, performance.timeOrigin + intended].map((v) => v.toFixed(2)).join(','));
        },
        (error: unknown) => {
          errors++;
          const message = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`.trim().slice(0, 200) : String(error);
          if (errorSamples.length < 3 && !errorSamples.includes(message)) errorSamples.push(message);
        },
      ).finally(() => void inFlight--),
    );
  }
  await Promise.all(pending);
  if (traceFile) writeFileSync(traceFile, `${trace.join('\n')}\n`);
  const elapsed = (Math.max(lastDone, begin + total * interval) - begin) / 1000;
  return { offered: rate, total, achieved: latencies.length / elapsed, errors, errorSamples, skipped, latency: summarize(latencies) };
}

/**
 * Straight-through external tasks with the worker protocol: starters start instances while
 * workers long-poll fetchAndLock and complete what they locked; latency is start sent → completion acknowledged.
 */
async function externalTasks(client: RestClient, total: number, starters: number, workers: number, maxTasks: number): Promise<unknown> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let completed = 0;
  const begin = performance.now();
  const starting = pool(total, starters, async () => {
    const t = performance.now();
    const started = await client.post<{ id: string }>('/process-definition/key/bench_external/start', { variables: { amount: { value: 1, type: 'Integer' } } });
    sentAt.set(started.id, t);
  });
  const work = Array.from({ length: workers }, async (_, w) => {
    const workerId = `bench-worker-${w}`;
    while (completed < total) {
      const locked = await client.post<{ id: string; processInstanceId: string }[]>('/external-task/fetchAndLock', {
        workerId, maxTasks, asyncResponseTimeout: 1000, topics: [{ topicName: 'bench', lockDuration: 60_000 }],
      });
      for (const task of locked) {
        await client.post(`/external-task/${task.id}/complete`, { workerId, variables: { done: { value: true, type: 'Boolean' } } });
        completed++;
        const t = sentAt.get(task.processInstanceId);
        if (t !== undefined) latencies.push(performance.now() - t);
      }
    }
  });
  await Promise.all([starting, ...work]);
  const seconds = (performance.now() - begin) / 1000;
  return { seconds, rate: total / seconds, latency: summarize(latencies) };
}

async function readJob(): Promise<LoadJob> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return JSON.parse(text) as LoadJob;
}

readJob().then(run).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
