import { basicAuth, TEST_USER_PASSWORD } from './test-app.js';

/** A small fetch client for the CRM API of a test app: JSON in and out, credentials on every request. */
export interface CrmResponse<T = any> {
  readonly status: number;
  readonly body: T;
}

export class CrmClient {
  /** `headers` go with every request (the admin's HTTP Basic, a session cookie) */
  constructor(
    readonly url: string,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  /** the same client signed in (HTTP Basic) as another user: by id, with the specs' user password */
  as(userId: string, password = TEST_USER_PASSWORD): CrmClient {
    return new CrmClient(this.url, basicAuth(userId, password));
  }

  get<T = any>(path: string, query: Record<string, string | number | boolean> = {}): Promise<CrmResponse<T>> {
    const params = new URLSearchParams(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])));
    return this.request('GET', `${path}${params.size > 0 ? `?${params}` : ''}`);
  }

  post<T = any>(path: string, body?: unknown): Promise<CrmResponse<T>> {
    return this.request('POST', path, body);
  }

  patch<T = any>(path: string, body?: unknown): Promise<CrmResponse<T>> {
    return this.request('PATCH', path, body);
  }

  put<T = any>(path: string, body?: unknown): Promise<CrmResponse<T>> {
    return this.request('PUT', path, body);
  }

  delete<T = any>(path: string): Promise<CrmResponse<T>> {
    return this.request('DELETE', path);
  }

  /** a request that must succeed: returns the body, or throws with the status and answer */
  async ok<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, bodyOrQuery?: unknown): Promise<T> {
    const response = method === 'GET'
      ? await this.get<T>(path, (bodyOrQuery ?? {}) as Record<string, string | number | boolean>)
      : await this.request<T>(method, path, bodyOrQuery);
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<CrmResponse<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.headers,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T };
  }
}
