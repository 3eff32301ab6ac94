import { z } from 'zod';
import { DEFAULT_HISTORY_LEVEL, HISTORY_LEVELS } from '../engine/core/execution/history-level.js';
import { DEFAULT_JOB_LOCK_MS } from '../engine/core/jobs/lock-heartbeat.js';
import { DEFAULT_RECENT_INSTANCES } from '../engine/adapters/typeorm/recent-instances.js';
import { isTimeZone } from '../crm-domain/calendars/working-time.js';

/** DEMO_PASSWORD's default, the one demo password the start-up log may show */
export const DEFAULT_DEMO_PASSWORD = 'demo-password';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = (what: string) =>
  z.coerce.number({ message: `expected ${what}` }).int({ message: `expected ${what}` }).positive({ message: `expected ${what}` });

const nonNegativeInt = (what: string) =>
  z.coerce.number({ message: `expected ${what}` }).int({ message: `expected ${what}` }).min(0, { message: `expected ${what}` });

const TRUST_PROXY_MESSAGE = 'expected true, false, a number of proxy hops or a comma-separated list of proxy addresses (IP, CIDR, loopback, linklocal, uniquelocal)';
const proxyAddress = /^([0-9a-fA-F:.]+(\/\d{1,3})?|loopback|linklocal|uniquelocal)$/;

/** Express's `trust proxy`: who may tell the app the client's scheme and host (X-Forwarded-Proto, -Host) */
const trustProxy = z
  .string()
  .transform((v, ctx): boolean | number | string => {
    const value = v.trim().toLowerCase();
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every((entry) => proxyAddress.test(entry))) return entries.join(', ');
    ctx.addIssue({ code: 'custom', message: TRUST_PROXY_MESSAGE });
    return z.NEVER;
  });

const RECIPIENTS_MESSAGE = "expected comma-separated email addresses or '@domain' entries";
const recipientEntry = /^([^\s@,<>"';]+)?@[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/** who crm.notify may write to besides CRM users and the record's customer: addresses and @domains */
const allowedRecipients = z.string().transform((v, ctx) => {
  const entries = v.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  if (entries.every((entry) => recipientEntry.test(entry))) return entries;
  ctx.addIssue({ code: 'custom', message: RECIPIENTS_MESSAGE });
  return z.NEVER;
});

const environmentSchema = z.object({
  // 0 asks the operating system for a free port (end-to-end specs)
  PORT: z.coerce
    .number({ message: 'expected a TCP port number (0-65535)' })
    .int({ message: 'expected a TCP port number (0-65535)' })
    .min(0, { message: 'expected a TCP port number (0-65535)' })
    .max(65535, { message: 'expected a TCP port number (0-65535)' })
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  // above the idle timeouts of common proxies and client pools (nginx 60 s, AWS ALB 60 s): the client closes an idle connection, never the service under a request in flight
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt('a duration in milliseconds').default(65_000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'expected a postgres:// or postgresql:// connection URL' })
    .optional(),
  DATABASE_POOL_SIZE: positiveInt('a positive number of connections').default(10),
  DATA_DIR: z.string().min(1).default('./.data'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, { message: 'expected letters, digits, dot, dash or underscore' }).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { message: 'expected a redis:// or rediss:// URL' }).optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'expected one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
  LOG_PRETTY: booleanFlag.default(false),
  REQUEST_LOG_SLOW_MS: positiveInt('a duration in milliseconds').default(1000),
  REQUEST_LOG_SAMPLE_EVERY: z.coerce
    .number({ message: 'expected 0 (none) or a number of requests' })
    .int({ message: 'expected 0 (none) or a number of requests' })
    .min(0, { message: 'expected 0 (none) or a number of requests' })
    .default(0),
  DEPLOYMENT_MAX_BYTES: positiveInt('a positive number of bytes').default(5 * 1024 * 1024),
  DEPLOYMENT_MAX_ELEMENTS: positiveInt('a positive number of elements').default(20000),
  DEPLOYMENT_MAX_ATTRIBUTES: positiveInt('a positive number of attributes').default(50000),
  DEPLOYMENT_MAX_ELEMENT_ATTRIBUTES: positiveInt('a positive number of attributes').default(100),
  DEPLOYMENT_MAX_DEPTH: positiveInt('a positive nesting depth').default(100),
  DEPLOYMENT_MAX_PARSE_MS: positiveInt('a duration in milliseconds').default(2000),
  API_BODY_MAX_BYTES: positiveInt('a positive number of bytes').default(1024 * 1024),
  ENGINE_REST_BODY_MAX_BYTES: positiveInt('a positive number of bytes').default(8 * 1024 * 1024),
  IMPORT_MAX_BYTES: positiveInt('a positive number of bytes').default(100 * 1024 * 1024),
  IMPORT_MAX_ROWS: positiveInt('a positive number of rows').default(500_000),
  IMPORT_XLSX_MAX_UNPACKED_BYTES: positiveInt('a positive number of bytes').default(256 * 1024 * 1024),
  IMPORT_XLSX_MAX_UNPACK_RATIO: positiveInt('a positive ratio of unpacked to packed bytes').default(100),
  IMPORT_CHUNK_ROWS: positiveInt('a positive number of rows').default(500),
  EXPORT_MAX_ROWS: positiveInt('a positive number of rows').default(100_000),
  JOB_CONCURRENCY: positiveInt('a positive number of parallel jobs').default(4),
  JOB_POLL_CONCURRENCY: positiveInt('a positive number of parallel jobs').default(8),
  JOB_POLL_BATCH: positiveInt('a positive number of jobs').default(50),
  JOB_POLL_GROUP: positiveInt('a positive number of jobs').default(20),
  JOB_LOCK_MS: positiveInt('a lock duration in milliseconds').default(DEFAULT_JOB_LOCK_MS),
  JOB_RECONCILE_MS: positiveInt('an interval in milliseconds').default(5000),
  STATISTICS_COMPACT_MS: positiveInt('an interval in milliseconds').default(5000),
  INSTANCE_CACHE_SIZE: nonNegativeInt('a number of instances (0 for none)').default(DEFAULT_RECENT_INSTANCES.capacity),
  INSTANCE_CACHE_TTL_MS: positiveInt('a duration in milliseconds').default(DEFAULT_RECENT_INSTANCES.ttlMs),
  /** Camunda 7's history levels: how much history the engine writes */
  HISTORY_LEVEL: z.enum(HISTORY_LEVELS, { message: `expected one of ${HISTORY_LEVELS.join(', ')}` }).default(DEFAULT_HISTORY_LEVEL),
  SEED_DEMO: booleanFlag.optional(),
  /** removed: every request needs credentials; kept in the schema to say so instead of ignoring it */
  AUTH_ANONYMOUS: z
    .string()
    .refine((v) => !['true', '1', 'yes'].includes(v.toLowerCase()), {
      message: 'was removed: anonymous access is gone; give API clients credentials (HTTP Basic or an API key, see README "Security")',
    })
    .optional(),
  SESSION_TTL_HOURS: positiveInt('a positive number of hours').default(12),
  ADMIN_EMAIL: z.email({ message: 'expected an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(10, { message: 'expected at least 10 characters' }).max(256, { message: 'expected at most 256 characters' }).optional(),
  DEMO_PASSWORD: z.string().min(10, { message: 'expected at least 10 characters' }).max(256).default(DEFAULT_DEMO_PASSWORD),
  /** Express's trust proxy: false, true, a number of hops, or addresses/subnets separated by commas */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { message: 'expected an smtp:// or smtps:// URL' }).optional(),
  NOTIFY_ALLOWED_RECIPIENTS: allowedRecipients.default([]),
  /** the zone of the default working calendar (Mon–Fri 9–18) of teams without their own */
  CRM_CALENDAR_TIME_ZONE: z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as Europe/Berlin' }).optional(),
  /** minutes before an activity's due time its owner is reminded when the activity names none (0: no reminders) */
  ACTIVITY_REMIND_BEFORE_MINUTES: z.coerce.number({ message: 'expected a number of minutes' }).int({ message: 'expected whole minutes' }).min(0, { message: 'expected 0 to 10080 minutes' }).max(10_080, { message: 'expected 0 to 10080 minutes' }).default(15),
  TRUST_PROXY: trustProxy.default(false),
  CI: z.string().transform((v) => !['false', '0', 'no', ''].includes(v.toLowerCase())).default(false),
});

/** never echoed in an error: the line ends up in logs */
const SECRETS = new Set(['ADMIN_PASSWORD', 'DEMO_PASSWORD']);

export type AppConfig = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {}

/** demo data on the first embedded start; with DATABASE_URL only when SEED_DEMO=true */
export function demoDataEnabled(config: Pick<AppConfig, 'SEED_DEMO' | 'DATABASE_URL'>): boolean {
  return config.SEED_DEMO ?? !config.DATABASE_URL;
}

/** Reads the environment once; a bad value yields one line naming the variable and what is expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (parsed.success) {
    if ((parsed.data.ADMIN_EMAIL === undefined) !== (parsed.data.ADMIN_PASSWORD === undefined)) {
      throw new ConfigError(`Invalid configuration: ADMIN_EMAIL and ADMIN_PASSWORD go together, but only ${parsed.data.ADMIN_EMAIL ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD'} is set`);
    }
    return parsed.data;
  }
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  const given = present[name];
  throw new ConfigError(
    `Invalid configuration: ${name} ${issue.message}${given === undefined || SECRETS.has(name) ? '' : `, but got '${redactCredentials(given)}'`}`,
  );
}

/** a refused URL is echoed without its password: the line ends up in logs */
function redactCredentials(value: string): string {
  return value.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}
