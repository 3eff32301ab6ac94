import { ConfigError, loadConfig } from '../../app/config.js';

describe('loadConfig', () => {
  it('starts with nothing set: port 3000, embedded database in ./.data, in-process jobs, info logs', () => {
    expect(loadConfig({})).toEqual({
      PORT: 3000,
      HOST: '0.0.0.0',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000,
      DATA_DIR: './.data',
      DATABASE_POOL_SIZE: 10,
      LOG_LEVEL: 'info',
      LOG_PRETTY: false,
      REQUEST_LOG_SLOW_MS: 1000,
      REQUEST_LOG_SAMPLE_EVERY: 0,
      DEPLOYMENT_MAX_BYTES: 5 * 1024 * 1024,
      DEPLOYMENT_MAX_ELEMENTS: 20000,
      DEPLOYMENT_MAX_ATTRIBUTES: 50000,
      DEPLOYMENT_MAX_ELEMENT_ATTRIBUTES: 100,
      DEPLOYMENT_MAX_DEPTH: 100,
      DEPLOYMENT_MAX_PARSE_MS: 2000,
      API_BODY_MAX_BYTES: 1024 * 1024,
      ENGINE_REST_BODY_MAX_BYTES: 8 * 1024 * 1024,
      IMPORT_MAX_BYTES: 100 * 1024 * 1024,
      IMPORT_MAX_ROWS: 500_000,
      IMPORT_XLSX_MAX_UNPACKED_BYTES: 256 * 1024 * 1024,
      IMPORT_XLSX_MAX_UNPACK_RATIO: 100,
      IMPORT_CHUNK_ROWS: 500,
      EXPORT_MAX_ROWS: 100_000,
      JOB_CONCURRENCY: 4,
      JOB_POLL_CONCURRENCY: 8,
      JOB_POLL_BATCH: 50,
      JOB_POLL_GROUP: 20,
      JOB_LOCK_MS: 20000,
      JOB_RECONCILE_MS: 5000,
      STATISTICS_COMPACT_MS: 5000,
      INSTANCE_CACHE_SIZE: 1000,
      INSTANCE_CACHE_TTL_MS: 10000,
      HISTORY_LEVEL: 'full',
      SESSION_TTL_HOURS: 12,
      DEMO_PASSWORD: 'demo-password',
      NOTIFY_ALLOWED_RECIPIENTS: [],
      ACTIVITY_REMIND_BEFORE_MINUTES: 15,
      TRUST_PROXY: false,
      CI: false,
    });
  });

  it('reads every variable it knows and ignores the rest of the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '75000',
      DATABASE_URL: 'postgresql://app:secret@db:5432/crm',
      DATA_DIR: '/var/lib/bpmn',
      DATABASE_POOL_SIZE: '20',
      REDIS_URL: 'rediss://cache:6380',
      QUEUE_PREFIX: 'bpmn-crm.eu_1',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: 'yes',
      REQUEST_LOG_SLOW_MS: '250',
      REQUEST_LOG_SAMPLE_EVERY: '100',
      DEPLOYMENT_MAX_BYTES: '1024',
      DEPLOYMENT_MAX_ELEMENTS: '50',
      DEPLOYMENT_MAX_ATTRIBUTES: '500',
      DEPLOYMENT_MAX_ELEMENT_ATTRIBUTES: '20',
      DEPLOYMENT_MAX_DEPTH: '30',
      DEPLOYMENT_MAX_PARSE_MS: '750',
      API_BODY_MAX_BYTES: '65536',
      ENGINE_REST_BODY_MAX_BYTES: '2097152',
      IMPORT_MAX_BYTES: '1048576',
      IMPORT_MAX_ROWS: '1000',
      IMPORT_XLSX_MAX_UNPACKED_BYTES: '1048576',
      IMPORT_XLSX_MAX_UNPACK_RATIO: '250',
      IMPORT_CHUNK_ROWS: '50',
      EXPORT_MAX_ROWS: '5000',
      JOB_CONCURRENCY: '16',
      JOB_POLL_CONCURRENCY: '8',
      JOB_POLL_BATCH: '100',
      JOB_POLL_GROUP: '5',
      JOB_LOCK_MS: '60000',
      JOB_RECONCILE_MS: '250',
      STATISTICS_COMPACT_MS: '1000',
      INSTANCE_CACHE_SIZE: '0',
      INSTANCE_CACHE_TTL_MS: '2500',
      HISTORY_LEVEL: 'activity',
      AUTH_ANONYMOUS: 'false',
      SESSION_TTL_HOURS: '8',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'first-admin-password',
      DEMO_PASSWORD: 'another-demo-password',
      NOTIFY_ALLOWED_RECIPIENTS: ' Audit@Bank.test, @Partner.example ,',
      ACTIVITY_REMIND_BEFORE_MINUTES: '30',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
      CI: 'true',
      HOME: '/root',
      PATH: '/usr/bin',
    });
    expect(config).toEqual({
      PORT: 8080,
      HOST: '127.0.0.1',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 75_000,
      DATABASE_URL: 'postgresql://app:secret@db:5432/crm',
      DATA_DIR: '/var/lib/bpmn',
      DATABASE_POOL_SIZE: 20,
      REDIS_URL: 'rediss://cache:6380',
      QUEUE_PREFIX: 'bpmn-crm.eu_1',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: true,
      REQUEST_LOG_SLOW_MS: 250,
      REQUEST_LOG_SAMPLE_EVERY: 100,
      DEPLOYMENT_MAX_BYTES: 1024,
      DEPLOYMENT_MAX_ELEMENTS: 50,
      DEPLOYMENT_MAX_ATTRIBUTES: 500,
      DEPLOYMENT_MAX_ELEMENT_ATTRIBUTES: 20,
      DEPLOYMENT_MAX_DEPTH: 30,
      DEPLOYMENT_MAX_PARSE_MS: 750,
      API_BODY_MAX_BYTES: 65536,
      ENGINE_REST_BODY_MAX_BYTES: 2097152,
      IMPORT_MAX_BYTES: 1048576,
      IMPORT_MAX_ROWS: 1000,
      IMPORT_XLSX_MAX_UNPACKED_BYTES: 1048576,
      IMPORT_XLSX_MAX_UNPACK_RATIO: 250,
      IMPORT_CHUNK_ROWS: 50,
      EXPORT_MAX_ROWS: 5000,
      JOB_CONCURRENCY: 16,
      JOB_POLL_CONCURRENCY: 8,
      JOB_POLL_BATCH: 100,
      JOB_POLL_GROUP: 5,
      JOB_LOCK_MS: 60000,
      JOB_RECONCILE_MS: 250,
      STATISTICS_COMPACT_MS: 1000,
      INSTANCE_CACHE_SIZE: 0,
      INSTANCE_CACHE_TTL_MS: 2500,
      HISTORY_LEVEL: 'activity',
      AUTH_ANONYMOUS: 'false',
      SESSION_TTL_HOURS: 8,
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'first-admin-password',
      DEMO_PASSWORD: 'another-demo-password',
      NOTIFY_ALLOWED_RECIPIENTS: ['audit@bank.test', '@partner.example'],
      ACTIVITY_REMIND_BEFORE_MINUTES: 30,
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
      CI: true,
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '' })).toMatchObject({ PORT: 3000 });
    expect(loadConfig({ DATABASE_URL: '' })).not.toHaveProperty('DATABASE_URL');
  });

  it('accepts PORT=0 (the operating system picks a free port)', () => {
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['127.0.0.1', '127.0.0.1'],
  ])('reads TRUST_PROXY=%s as Express takes it', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toBe(expected);
  });

  it.each([
    ['PORT', 'abc', 'expected a TCP port number (0-65535)'],
    ['PORT', '70000', 'expected a TCP port number (0-65535)'],
    ['PORT', '80.5', 'expected a TCP port number (0-65535)'],
    ['DATABASE_URL', 'mysql://x', 'expected a postgres:// or postgresql:// connection URL'],
    ['REDIS_URL', 'localhost:6379', 'expected a redis:// or rediss:// URL'],
    ['LOG_LEVEL', 'loud', 'expected one of fatal, error, warn, info, debug, trace, silent'],
    ['LOG_PRETTY', 'maybe', 'expected true or false'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '0', 'expected a duration in milliseconds'],
    ['DATABASE_POOL_SIZE', '0', 'expected a positive number of connections'],
    ['IMPORT_XLSX_MAX_UNPACK_RATIO', '0', 'expected a positive ratio of unpacked to packed bytes'],
    ['REQUEST_LOG_SLOW_MS', '0', 'expected a duration in milliseconds'],
    ['REQUEST_LOG_SAMPLE_EVERY', '-1', 'expected 0 (none) or a number of requests'],
    ['DEPLOYMENT_MAX_BYTES', '-1', 'expected a positive number of bytes'],
    ['DEPLOYMENT_MAX_BYTES', 'lots', 'expected a positive number of bytes'],
    ['DEPLOYMENT_MAX_ELEMENTS', '0', 'expected a positive number of elements'],
    ['DEPLOYMENT_MAX_DEPTH', 'deep', 'expected a positive nesting depth'],
    ['ENGINE_REST_BODY_MAX_BYTES', '8mb', 'expected a positive number of bytes'],
    ['JOB_CONCURRENCY', '2.5', 'expected a positive number of parallel jobs'],
    ['JOB_POLL_BATCH', '0', 'expected a positive number of jobs'],
    ['JOB_POLL_GROUP', '0', 'expected a positive number of jobs'],
    ['QUEUE_PREFIX', 'a b', 'expected letters, digits, dot, dash or underscore'],
    ['AUTH_ANONYMOUS', 'true', 'was removed: anonymous access is gone; give API clients credentials (HTTP Basic or an API key, see README "Security")'],
    ['ADMIN_EMAIL', 'root', 'expected an email address'],
    ['SESSION_TTL_HOURS', '0', 'expected a positive number of hours'],
    ['NOTIFY_ALLOWED_RECIPIENTS', 'partner.example', "expected comma-separated email addresses or '@domain' entries"],
    ['CRM_CALENDAR_TIME_ZONE', 'Mars/Olympus', 'expected an IANA time zone such as Europe/Berlin'],
    ['NOTIFY_ALLOWED_RECIPIENTS', 'a@b.test; c@d.test', "expected comma-separated email addresses or '@domain' entries"],
    ['ACTIVITY_REMIND_BEFORE_MINUTES', '-5', 'expected 0 to 10080 minutes'],
    ['ACTIVITY_REMIND_BEFORE_MINUTES', 'soon', 'expected a number of minutes'],
    ['INSTANCE_CACHE_SIZE', '-1', 'expected a number of instances (0 for none)'],
    ['INSTANCE_CACHE_TTL_MS', '0', 'expected a duration in milliseconds'],
    ['HISTORY_LEVEL', 'FULL', 'expected one of none, activity, audit, full'],
    ['HISTORY_LEVEL', 'variables', 'expected one of none, activity, audit, full'],
    ['TRUST_PROXY', 'everyone', 'expected true, false, a number of proxy hops or a comma-separated list of proxy addresses (IP, CIDR, loopback, linklocal, uniquelocal)'],
  ])('refuses %s=%s with one line naming the variable and what is expected', (name, value, expected) => {
    const error = errorOf(() => loadConfig({ [name]: value }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`Invalid configuration: ${name} ${expected}, but got '${value}'`);
    expect(error.message).not.toContain('\n');
  });

  it('does not echo the password of a refused URL', () => {
    expect(errorOf(() => loadConfig({ DATABASE_URL: 'mysql://app:s3cret@db/crm' })).message).toBe(
      "Invalid configuration: DATABASE_URL expected a postgres:// or postgresql:// connection URL, but got 'mysql://app:***@db/crm'",
    );
  });

  it('never echoes a refused password, and wants the first admin whole', () => {
    expect(errorOf(() => loadConfig({ ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'short' })).message).toBe('Invalid configuration: ADMIN_PASSWORD expected at least 10 characters');
    expect(errorOf(() => loadConfig({ ADMIN_EMAIL: 'root@example.com' })).message).toBe('Invalid configuration: ADMIN_EMAIL and ADMIN_PASSWORD go together, but only ADMIN_EMAIL is set');
    expect(errorOf(() => loadConfig({ ADMIN_PASSWORD: 'long-enough-password' })).message).toMatch(/only ADMIN_PASSWORD is set/);
  });

  it('names the first bad variable when several are bad', () => {
    expect(errorOf(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).message).toMatch(/^Invalid configuration: (PORT|LOG_LEVEL) /);
  });
});

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected loadConfig to throw, but it returned');
}
