/** The service the specs set up and check through: its URL and the admin's credentials. */
export interface RestTarget {
  readonly url: string;
  readonly adminAuth: Readonly<Record<string, string>>;
}

/** Just enough REST for the specs' setup and waiting, as the test app's admin (HTTP Basic). */
export async function rest<T>(target: RestTarget, method: string, path: string, body?: unknown): Promise<T> {
  return api<T>(target, method, `/engine-rest${path}`, body);
}

/** the CRM API (`/api/...`), as the admin */
export async function api<T>(target: RestTarget, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: { ...target.adminAuth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function deployXml(target: RestTarget, name: string, xml: string): Promise<void> {
  const form = new FormData();
  form.set('deployment-name', name);
  form.set('data', new Blob([xml], { type: 'application/xml' }), `${name}.bpmn`);
  const response = await fetch(`${target.url}/engine-rest/deployment/create`, { method: 'POST', headers: { ...target.adminAuth }, body: form });
  if (!response.ok) throw new Error(`deploy ${name} answered ${response.status}: ${await response.text()}`);
}

export async function eventually<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Expected ${what} within ${timeoutMs} ms, but it did not happen`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
