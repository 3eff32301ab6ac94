/** A failed call, carrying Camunda's `{type, message, details}` error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
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
  const response = await fetch(url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    const error = (parsed ?? {}) as { type?: string; message?: string; details?: unknown };
    throw new ApiError(response.status, error.type ?? 'HttpError', error.message ?? `${method} ${url} answered ${response.status}`, error.details ?? null);
  }
  return parsed as T;
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
