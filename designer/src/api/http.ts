/** A failed call, carrying Camunda's `{type, message, details}` error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details: unknown = null,
    /** seconds the server asks to wait (Retry-After of a 429) */
    readonly retryAfterSeconds: number | null = null,
    /** the whole error body: `code`, and fields some errors carry (a 409's likely duplicates) */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

/** The server could not be reached (offline, restarting): fetch itself failed. */
export class NetworkError extends Error {
  constructor(readonly method: string, readonly url: string) {
    super('The server cannot be reached: check the connection and try again');
  }
}

type QueryValue = string | number | boolean | null | undefined;

export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

const unauthorizedListeners: (() => void)[] = [];

/** called when the server answers 401 (no or an expired session) */
export function onUnauthorized(listener: () => void): void {
  unauthorizedListeners.push(listener);
}

/** JSON over fetch; the session cookie travels with every request (same origin) for the server's guard. */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  // never anonymous: without a session the server answers 401 and the app shows the login
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Session-Required': 'true' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  } catch {
    throw new NetworkError(method, url);
  }
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    const error = (parsed ?? {}) as { type?: string; message?: string; details?: unknown };
    const message = error.message ?? `${method} ${url} answered ${response.status}`;
    throw new ApiError(response.status, error.type ?? 'HttpError', message, error.details ?? null, retryAfter(response.headers.get('Retry-After')), parsed);
  }
  return parsed as T;
}

function retryAfter(header: string | null): number | null {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const get = <T>(url: string) => request<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {});
export const put = <T>(url: string, body?: unknown) => request<T>('PUT', url, body ?? {});
export const del = <T>(url: string) => request<T>('DELETE', url);
export const patch = <T>(url: string, body?: unknown) => request<T>('PATCH', url, body ?? {});
