import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { migrations } from '../../migrations/index.js';

/**
 * A migrated PGlite data folder to copy, instead of creating each spec's database from nothing:
 * PGlite runs `initdb` on an empty folder (about 2 s on an idle 2-core machine, 10 s and more on
 * a loaded one), opening a copy of an initialized one takes a fraction of that.
 *
 * The template lives in the temp folder under a name derived from the PGlite version and the
 * migrations' source, so a changed migration gets a new one; it is built once, by whichever spec
 * needs it first (a lock folder makes the others wait), and kept for later runs.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PREFIX = 'bpmn-pglite-template-';
/** the folder of a data folder that openDatabase({ dataDir }) opens */
const PGLITE_FOLDER = 'pglite';
const BUILD_DEADLINE_MS = 300_000;
const STALE_MS = 24 * 60 * 60 * 1000;

let templatePromise: Promise<string> | null = null;

/**
 * Puts a copy of the migrated template where `openDatabase({ dataDir })` (and the service with
 * DATA_DIR) will look: `<dataDir>/pglite`. Does nothing when that folder exists already.
 */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  const target = join(dataDir, PGLITE_FOLDER);
  if (existsSync(target)) return;
  const template = await migratedTemplate();
  const now = new Date();
  utimesSync(template, now, now); // in use: not stale
  mkdirSync(dataDir, { recursive: true });
  cpSync(join(template, PGLITE_FOLDER), target, { recursive: true });
}

function migratedTemplate(): Promise<string> {
  templatePromise ??= buildTemplateOnce().catch((error: unknown) => {
    templatePromise = null;
    throw error;
  });
  return templatePromise;
}

async function buildTemplateOnce(): Promise<string> {
  const template = join(tmpdir(), `${PREFIX}${templateKey()}`);
  const lock = `${template}.lock`;
  const deadline = Date.now() + BUILD_DEADLINE_MS;
  while (!existsSync(template)) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`Expected the PGlite template ${template} within ${BUILD_DEADLINE_MS / 1000} s, but ${lock} is still there (remove it if no test run is going on)`);
      await new Promise((done) => setTimeout(done, 250));
      continue;
    }
    try {
      if (!existsSync(template)) await build(template);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return template;
}

async function build(template: string): Promise<void> {
  removeStaleTemplates(template);
  const building = mkdtempSync(join(tmpdir(), `${PREFIX}building-`));
  try {
    const opened = await openDatabase({ dataDir: building, migrations });
    try {
      await opened.dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await opened.dataSource.destroy();
    }
    renameSync(building, template);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
}

/** the PGlite version and every migration's source: what the template's content depends on */
function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json')));
  const folder = join(ROOT, 'migrations');
  for (const file of readdirSync(folder).sort()) hash.update(file).update(readFileSync(join(folder, file)));
  return hash.digest('hex').slice(0, 16);
}

/** templates of older migrations, untouched for a day (a run still using one is long over) */
function removeStaleTemplates(current: string): void {
  for (const entry of readdirSync(tmpdir())) {
    const path = join(tmpdir(), entry);
    if (!entry.startsWith(PREFIX) || path === current || entry.endsWith('.lock')) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
}
