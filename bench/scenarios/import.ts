import { duplicatesOfManyStatement, MANY_SETTINGS, type KeyedCandidate } from '../../crm-domain/duplicates/duplicate-batch-finder.js';
import { NAME_SIMILARITY_THRESHOLD } from '../../crm-domain/duplicates/duplicate-rules.js';
import { envNumber } from '../models.js';
import { loadAverageNow } from '../machine.js';
import { withClient } from '../scratch-database.js';
import { AUTH_HEADER, ServiceProcess, sleep, type MemoryUsage } from '../service.js';
import { printTable } from '../table.js';

/**
 * Issue 16's import target: BENCH_IMPORT_ROWS (300,000) companies with their first contact as one
 * CSV, uploaded through `POST /api/imports`, dry-run, then imported as a batch on PostgreSQL;
 * rows/s, the time of each step and the service's memory (RSS, heap after a full GC) are reported;
 * then the plans of the import's duplicate check for a chunk of 1,000 rows against the full tables.
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
    if (service.database) await explainDuplicateCheck(service.database.url, rows);
  } finally {
    await service.stop();
    await service.database?.drop();
  }
  printTable(`import of ${rows} companies with contacts through the API (PostgreSQL)`, ['step', 'seconds', 'rows/s', 'load average'], steps);
  printTable('service memory after each step (after a full GC)', ['after', 'RSS MiB', 'heap used MiB'],
    memory.map((m, i) => [['start', 'upload', 'dry run', 'import'][i] ?? String(i), (m.rss / 2 ** 20).toFixed(0), (m.heapUsed / 2 ** 20).toFixed(0)]));
}

const INDUSTRIES = ['Software', 'Retail', 'Logistics', 'Energy', 'Health', 'Finance'];
const TYPES = ['client', 'partner', 'investor', 'supplier'];
const SUFFIXES = ['GmbH', 'Ltd', 'AG', 'SE', 'KG'];
const SYLLABLES = [...'bdfgklmnprstvwz'].flatMap((consonant) => [...'aeiou'].map((vowel) => consonant + vowel));
const WORDS = SYLLABLES.length ** 3;

/** a made-up word of three syllables for each n below WORDS, each n its own word */
function word(n: number): string {
  const w = SYLLABLES[n % SYLLABLES.length]! + SYLLABLES[Math.floor(n / SYLLABLES.length) % SYLLABLES.length]! + SYLLABLES[Math.floor(n / SYLLABLES.length ** 2) % SYLLABLES.length]!;
  return w[0]!.toUpperCase() + w.slice(1);
}

/**
 * Row i: a company no other row duplicates by the rules (crm-domain/duplicates): its own tax id,
 * emails and phones, and a name of two made-up words (each a permutation of i) that is close to
 * no other name in its city; 97 cities.
 */
function companyRow(i: number) {
  return {
    name: `${word((i * 7919) % WORDS)} ${word((i * 104_729 + 12_345) % WORDS)} ${SUFFIXES[i % SUFFIXES.length]}`,
    type: TYPES[i % 4]!, industry: INDUSTRIES[i % 6]!, email: `office${i}@bench-import.test`, phone: `+49 30 ${100000 + i}`, address: `Street ${i % 500}`,
    city: `City ${i % 97}`, taxId: `DE${String(100_000_000 + i)}`, contact: `Contact Person ${i}`, contactEmail: `person${i}@bench-import.test`, contactPhone: `+49 171 ${200000 + i}`,
  };
}

function generateCsv(rows: number): string {
  const lines = ['Company name,Type,Industry,Email,Phone,Address,City,Tax id,Contact full name,Contact email,Contact phone'];
  for (let i = 0; i < rows; i++) {
    const r = companyRow(i);
    lines.push(`${r.name},${r.type},${r.industry},${r.email},${r.phone},${r.address},${r.city},${r.taxId},${r.contact},${r.contactEmail},${r.contactPhone}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the import's duplicate check (duplicate-batch-finder.ts) for one
 * chunk of 1,000 rows, half of them copies of imported rows (every rule matches), against the
 * imported companies and contacts; warns of any sequential scan of them.
 */
async function explainDuplicateCheck(url: string, rows: number): Promise<void> {
  const candidates = Array.from({ length: 1000 }, (_, key) => ({ key, row: companyRow(key % 2 === 0 ? (key * 997) % rows : rows + key) }));
  const companies: KeyedCandidate[] = candidates.map(({ key, row: r }) => ({ key, name: r.name, email: r.email, phones: [r.phone], taxId: r.taxId, city: r.city }));
  const contacts: KeyedCandidate[] = candidates.map(({ key, row: r }) => ({ key, name: r.contact, email: r.contactEmail, phones: [r.contactPhone] }));
  await withClient(url, async (client) => {
    await client.query('ANALYZE crm.companies; ANALYZE crm.contacts');
    for (const [type, keyed] of [['company', companies], ['contact', contacts]] as const) {
      const statement = duplicatesOfManyStatement(type, keyed)!;
      await client.query('BEGIN');
      for (const setting of [`pg_trgm.similarity_threshold = ${NAME_SIMILARITY_THRESHOLD}`, ...MANY_SETTINGS]) await client.query(`SET LOCAL ${setting}`);
      const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params)).rows.map((row) => row['QUERY PLAN'] as string).join('\n');
      await client.query('COMMIT');
      console.log(`\nduplicate check of 1,000 ${type} candidates (500 of them imported rows):\n${plan}`);
      if (/Seq Scan on (companies|contacts)/.test(plan)) console.log(`WARNING: the ${type} check scans a table instead of using its indexes`);
    }
  });
}
