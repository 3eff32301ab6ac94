import type { DestinationStream, LevelWithSilent, LoggerOptions } from 'pino';

const SECRET_HEADERS = ['cookie', 'authorization', 'proxy-authorization', 'x-api-key'];
const SECRET_FIELDS = ['password', 'newPassword', 'currentPassword', 'token', 'secret', 'apiKey'];

/** what pino blanks out of every log line: credentials in headers, secrets anywhere a body might be logged */
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_HEADERS.map((name) => `req.headers["${name}"]`),
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((name) => [name, `*.${name}`, `req.body.${name}`]),
];

const REDACTED = '[Redacted]';

/** query parameters whose values are secrets: ?token=, ?password=, ?apiKey=, ?access_token=, ... */
const SECRET_PARAMETER = /pass(word|wd)?$|token|secret|api[-_]?key|credential|signature|^auth(orization)?$|^session$|^code$/i;

function isSecretName(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // a malformed escape: judge the name as it was sent
  }
  return SECRET_PARAMETER.test(decoded.replace(/\[.*$/, ''));
}

/** the URL with the values of secret query parameters replaced */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals > 0 && isSecretName(pair.slice(0, equals)) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
    });
  return `${url.slice(0, start + 1)}${query.join('&')}`;
}

export interface RequestLogSettings {
  readonly level: LevelWithSilent;
  readonly pretty: boolean;
  /** where log lines go instead of stdout (specs read them) */
  readonly stream?: DestinationStream | undefined;
  /** a request answered in this many milliseconds or more is logged whatever its route and status */
  readonly slowMs?: number;
  /** at info, one in this many successful Camunda REST requests is logged; 0: none */
  readonly sampleEvery?: number;
}

/**
 * pino's options for the service's logger: whatever a line carries, password and token fields
 * read [Redacted]. Request lines (app/logging/request-log-middleware.ts) name the method, the
 * URL without secret query values, the route, the status, the time and who asked: never
 * headers, so no cookie, Authorization, API key or Set-Cookie can reach the log.
 */
export function loggerOptions(settings: RequestLogSettings): LoggerOptions {
  return {
    level: settings.level,
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    ...(settings.stream || !settings.pretty ? {} : { transport: { target: 'pino-pretty' } }),
  };
}
