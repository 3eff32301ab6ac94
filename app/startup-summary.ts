import { embeddedDatabaseFolder } from '../engine/adapters/typeorm/data-source.js';
import { describeJobBackend, jobBackendOf } from '../engine/nest/job-backend.js';
import { DEMO_USERS } from '../crm-domain/seed/demo-data.js';
import type { HistoryLevel } from '../engine/core/execution/history-level.js';
import { DEFAULT_DEMO_PASSWORD, demoDataEnabled, type AppConfig } from './config.js';

/** what a person opening the service wants first: where it answers */
export function serviceUrl(config: Pick<AppConfig, 'HOST' | 'PORT'>, port = config.PORT): string {
  const wildcard = config.HOST === '0.0.0.0' || config.HOST === '::';
  const host = wildcard ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${port}`;
}

/** the database in plain words: PGlite's folder, or PostgreSQL's host, database and user (never the password) */
export function describeDatabase(config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR'>): string {
  if (!config.DATABASE_URL) return `embedded PGlite in ${embeddedDatabaseFolder(config.DATA_DIR)} (DATABASE_URL not set)`;
  const url = new URL(config.DATABASE_URL);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const user = url.username ? ` as ${decodeURIComponent(url.username)}` : '';
  return `PostgreSQL database ${database} at ${url.host}${user}`;
}

/** the history level, and what a level below the CRM's needs leaves out */
function describeHistoryLevel(config: Pick<AppConfig, 'HISTORY_LEVEL'>): string {
  return `History: ${config.HISTORY_LEVEL} (HISTORY_LEVEL)${HISTORY_LEVEL_NOTES[config.HISTORY_LEVEL]}`;
}

const HISTORY_LEVEL_NOTES: Readonly<Record<HistoryLevel, string>> = {
  full: '',
  audit: '; no historic incidents or decision evaluations',
  activity: '; no historic variables, incidents or decision evaluations: the CRM needs audit (README "Configuration")',
  none: '; no history at all: the CRM needs audit (README "Configuration")',
};

/** who can sign in: the demo users (when demo data is on) and the first admin from ADMIN_EMAIL */
function describeSignIn(config: AppConfig, url: string): string[] {
  const lines: string[] = [];
  if (demoDataEnabled(config)) {
    const password = config.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD ? `'${DEFAULT_DEMO_PASSWORD}'` : 'from DEMO_PASSWORD';
    const admin = DEMO_USERS.find((user) => user.role === 'admin');
    lines.push(`Demo sign-in: ${url}/login as ${admin?.email ?? 'a demo user'} (admin) or any demo user the login page lists, password ${password}; seeded on the first start`);
  }
  if (config.ADMIN_EMAIL) {
    lines.push(`First admin: ${config.ADMIN_EMAIL} with ADMIN_PASSWORD, created at start when there is no admin yet`);
  } else if (!demoDataEnabled(config)) {
    lines.push('First admin: ADMIN_EMAIL not set; sign in with an existing account (a database without an admin needs ADMIN_EMAIL and ADMIN_PASSWORD)');
  }
  return lines;
}

/**
 * The start-up log's first lines, from the configuration alone (so they come before anything
 * Nest prints): the URL, the database, the job backend, and how to sign in.
 */
export function startupSummary(config: AppConfig): string[] {
  const url = serviceUrl(config);
  const where = config.PORT === 0 ? `${url.replace(/:0$/, '')} on a free port (PORT=0; the "Ready" line names it)` : url;
  return [
    `Starting on ${where}: web app /, Camunda REST /engine-rest, CRM API /api, API docs /docs, health /health`,
    `Database: ${describeDatabase(config)}`,
    `Jobs: ${describeJobBackend(jobBackendOf({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL }))}`,
    describeHistoryLevel(config),
    ...describeSignIn(config, url),
  ];
}
