import type { TestApp } from './test-app.js';

export interface SignInResult {
  readonly status: number;
  /** `crm_session=…`, to send back as the Cookie header */
  readonly cookie: string;
  readonly setCookie: string;
  readonly body: any;
  readonly headers: Headers;
}

/** POST /api/session as the web app sends it (same origin) */
export async function signIn(app: TestApp, email: string, password: string, headers: Record<string, string> = {}): Promise<SignInResult> {
  const response = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url, ...headers },
    body: JSON.stringify({ email, password }),
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const text = await response.text();
  return { status: response.status, cookie: setCookie.split(';')[0]!, setCookie, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** headers of a same-origin request of the web app with its session cookie */
export function sessionHeaders(app: TestApp, cookie: string): Record<string, string> {
  return { cookie, origin: app.url, 'x-session-required': 'true' };
}
