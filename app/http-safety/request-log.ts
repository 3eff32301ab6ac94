import type { IncomingMessage } from 'node:http';
import type { DestinationStream, LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';

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

/** parsed query or route parameters with the values of secret names replaced, nested ones too */
function redactParameters(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => redactParameters(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, item]) => [name, isSecretName(name) ? REDACTED : redactParameters(item, depth + 1)]),
  );
}

interface SerializedRequest {
  url?: string;
  query?: unknown;
  params?: unknown;
  headers?: Record<string, unknown>;
}

export interface RequestLogSettings {
  readonly level: LevelWithSilent;
  readonly pretty: boolean;
  /** where log lines go instead of stdout (specs read them) */
  readonly stream?: DestinationStream | undefined;
}

/**
 * pino-http's options for the request log: no cookies, Authorization or API-key headers, no
 * Set-Cookie, no secret query values, no password or token fields. The `req` serializer gets pino's
 * standard one's output (wrapSerializers) and copies it, so the live request is never changed.
 */
export function requestLogOptions(settings: RequestLogSettings): Options {
  return {
    level: settings.level,
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    serializers: {
      req: (req: SerializedRequest) => ({
        ...req,
        url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
        query: redactParameters(req.query),
        params: redactParameters(req.params),
        headers: { ...req.headers },
      }),
    },
    ...(settings.stream ? { stream: settings.stream } : settings.pretty ? { transport: { target: 'pino-pretty' } } : {}),
  };
}
