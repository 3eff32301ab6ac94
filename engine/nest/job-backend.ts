/** Where jobs (timers, async continuations, retries) are queued, from the configuration alone. */
export type JobBackend =
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'in-process' };

/** REDIS_URL wins; PostgreSQL without it uses BullMQ's PostgreSQL backend; the embedded database dispatches in-process. */
export function jobBackendOf(settings: { readonly redisUrl?: string | undefined; readonly databaseUrl?: string | undefined }): JobBackend {
  if (settings.redisUrl) return { kind: 'redis', url: settings.redisUrl };
  if (settings.databaseUrl) return { kind: 'postgres', url: settings.databaseUrl };
  return { kind: 'in-process' };
}

/** one line for people: which backend, and the Redis host (never its password) */
export function describeJobBackend(backend: JobBackend): string {
  switch (backend.kind) {
    case 'redis':
      return `BullMQ on Redis at ${new URL(backend.url).host}`;
    case 'postgres':
      return 'BullMQ on PostgreSQL (REDIS_URL not set)';
    case 'in-process':
      return 'in-process dispatcher over the embedded database';
  }
}
