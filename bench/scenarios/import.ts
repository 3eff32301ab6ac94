import { envNumber } from '../models.js';
import { loadAverageNow } from '../machine.js';
import { AUTH_HEADER, ServiceProcess, sleep, type MemoryUsage } from '../service.js';
import { printTable } from '../table.js';

/**
 * Issue 16's import target: BENCH_IMPORT_ROWS (300,000) companies with their first contact as one
 * CSV, uploaded through `POST /api/imports`, dry-run, then imported as a batch on PostgreSQL;
 * rows/s, the time of each step and the service's memory (RSS, heap after a full GC) are reported.
 */
export async function importCompanies(): Promise<void> {
  const rows = envNumber('BENCH_IMPORT_ROWS', 300_000);
  const csv = generateCsv(rows);
  const service = await ServiceProcess.start('postgres', { env: { IMPORT_MAX_BYTES: String(512 * 2 ** 20), IMPORT_MAX_ROWS: String(rows), IMPORT_CHUNK_ROWS: String(envNumber('BENCH_IMPORT_CHUNK', 1000)) } });
  const steps: (string | number)[][] = [];
  const memory: MemoryUsage[] = [];
  try {
    memory.push(await service.memory());
    const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
      const response = await fetch(`${service.base}${path}`, {
        method, headers: { authorization: AUTH_HEADER, ...(body === undefined ? {} : { 'content-type': type }) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const answer = (await response.json()) as any;
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
      return answer;
    };
    const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
      const begin = performance.now();
      const result = await work();
      const seconds = (performance.now() - begin) / 1000;
      memory.push(await service.memory());
      steps.push([step, seconds.toFixed(1), Math.round(rows / seconds), loadAverageNow()]);
      return result;
    };
    console.log(`CSV: ${rows} rows, ${(csv.length / 2 ** 20).toFixed(1)} MiB`);
    const uploaded = await timed('upload (parse, store the rows)', () => call('POST', '/api/imports?fileName=bench.csv', csv, 'text/csv'));
    const id = uploaded.batch.id as string;
    const report = await timed('dry run (validate every row, duplicates)', () => call('POST', `/api/imports/${id}/dry-run`, { mapping: uploaded.suggestedMapping }));
    console.log(`dry run: ${report.valid} valid, ${report.failed} failed, ${report.duplicates} duplicates`);
    let peakRss = 0;
    const batch = await timed('import (chunks in transactions)', async () => {
      await call('POST', `/api/imports/${id}/start`, { mapping: uploaded.suggestedMapping });
      for (let polls = 0; ; polls += 1) {
        await sleep(1000);
        const current = await call('GET', `/api/imports/${id}`);
        if (polls % 15 === 0) {
          const now = await service.memory();
          peakRss = Math.max(peakRss, now.rss);
          console.log(`  ${current.rowsDone} / ${current.totalRows} rows, RSS ${(now.rss / 2 ** 20).toFixed(0)} MiB, load ${loadAverageNow()}`);
        }
        if (current.status === 'completed' || current.status === 'failed') return current;
      }
    });
    console.log(`imported ${batch.rowsImported}, failed ${batch.rowsFailed}, skipped ${batch.rowsSkipped}; RSS peak while importing (sampled) ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await service.stop();
    await service.database?.drop();
  }
  printTable(`import of ${rows} companies with contacts through the API (PostgreSQL)`, ['step', 'seconds', 'rows/s', 'load average'], steps);
  printTable('service memory after each step (after a full GC)', ['after', 'RSS MiB', 'heap used MiB'],
    memory.map((m, i) => [['start', 'upload', 'dry run', 'import'][i] ?? String(i), (m.rss / 2 ** 20).toFixed(0), (m.heapUsed / 2 ** 20).toFixed(0)]));
}

/** companies with a contact each, every email unique (no duplicates), owners left empty */
function generateCsv(rows: number): string {
  const industries = ['Software', 'Retail', 'Logistics', 'Energy', 'Health', 'Finance'];
  const types = ['client', 'partner', 'investor', 'supplier'];
  const lines = ['Company name,Type,Industry,Email,Phone,Address,City,Contact full name,Contact email,Contact phone'];
  for (let i = 0; i < rows; i++) {
    lines.push(`"Bench Company ${i}, Ltd",${types[i % 4]},${industries[i % 6]},office${i}@bench-import.test,+49 30 ${100000 + i},Street ${i % 500},City ${i % 97},Contact Person ${i},person${i}@bench-import.test,+49 171 ${200000 + i}`);
  }
  return `${lines.join('\n')}\n`;
}
