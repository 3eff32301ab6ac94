/** A small fetch client for the Camunda REST API of a test app; every answer keeps status and parsed body. */
export interface RestResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
}

export interface DeployFile {
  readonly name: string;
  readonly content: string;
}

type Headers = Readonly<Record<string, string>>;

export class RestClient {
  /**
   * `headers` go with every request (a session cookie, X-User-Id). Either may be given as a function,
   * read at each request: for a client made before its app has started (`restApiForSpec`).
   */
  constructor(
    private readonly baseOf: string | (() => string),
    private readonly headersOf: Headers | (() => Headers) = {},
  ) {}

  get base(): string {
    return typeof this.baseOf === 'function' ? this.baseOf() : this.baseOf;
  }

  private get headers(): Headers {
    return typeof this.headersOf === 'function' ? this.headersOf() : this.headersOf;
  }

  get<T = any>(path: string, query?: Record<string, string | number | boolean>): Promise<RestResponse<T>> {
    return this.request('GET', withQuery(path, query));
  }

  post<T = any>(path: string, body?: unknown): Promise<RestResponse<T>> {
    return this.request('POST', path, body);
  }

  put<T = any>(path: string, body?: unknown): Promise<RestResponse<T>> {
    return this.request('PUT', path, body);
  }

  delete<T = any>(path: string): Promise<RestResponse<T>> {
    return this.request('DELETE', path);
  }

  /** a body sent exactly as given (malformed JSON, other content types) */
  raw<T = any>(method: string, path: string, body: string, contentType = 'application/json'): Promise<RestResponse<T>> {
    return this.send(method, path, { body, headers: { 'content-type': contentType } });
  }

  /** POST /deployment/create as the Camunda Modeler sends it */
  deploy<T = any>(files: readonly DeployFile[], fields: Record<string, string> = {}): Promise<RestResponse<T>> {
    const form = new FormData();
    form.set('deployment-name', fields['deployment-name'] ?? 'e2e');
    form.set('deployment-source', 'e2e-spec');
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    for (const file of files) form.append(file.name, new Blob([file.content], { type: 'application/octet-stream' }), file.name);
    return this.send('POST', '/deployment/create', { body: form });
  }

  /** with the session cookie the client plays the web app's browser, which names our origin (the server refuses cross-site requests) */
  private sameOrigin(): Record<string, string> {
    return Object.keys(this.headers).some((name) => name.toLowerCase() === 'cookie') ? { origin: new URL(this.base).origin } : {};
  }

  private request<T>(method: string, path: string, body?: unknown): Promise<RestResponse<T>> {
    if (body === undefined) return this.send(method, path, {});
    return this.send(method, path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  private async send<T>(method: string, path: string, init: { body?: string | FormData; headers?: Record<string, string> }): Promise<RestResponse<T>> {
    const response = await fetch(`${this.base}${path}`, { method, ...init, headers: { ...this.sameOrigin(), ...this.headers, ...init.headers } });
    const text = await response.text();
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') body = JSON.parse(text);
    return { status: response.status, body: body as T, text };
  }
}

function withQuery(path: string, query?: Record<string, string | number | boolean>): string {
  if (!query) return path;
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return `${path}?${params.toString()}`;
}

/**
 * Camunda's ExceptionDto: every 4xx carries a string `type` and `message`, and our stable code
 * (`errorCode` under /engine-rest, where `code` is Camunda's integer; `code` elsewhere)
 */
export function expectErrorBody(response: Pick<RestResponse, 'status' | 'body'>, status: number, type?: string, code?: string): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: expect.objectContaining({ type: type ?? expect.any(String), message: expect.any(String) }),
  });
  expect(stableCodeOf(response.body)).toEqual(code ?? expect.stringMatching(/^[A-Z][A-Z_]+$/));
}

/** the stable code of an error body, whichever API answered */
export function stableCodeOf(body: unknown): unknown {
  const { code, errorCode } = (body ?? {}) as { code?: unknown; errorCode?: unknown };
  return errorCode !== undefined ? errorCode : code;
}
