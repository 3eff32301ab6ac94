/** Just enough REST for the specs' setup and waiting. */
export async function rest<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/engine-rest${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function deployXml(base: string, name: string, xml: string): Promise<void> {
  const form = new FormData();
  form.set('deployment-name', name);
  form.set('data', new Blob([xml], { type: 'application/xml' }), `${name}.bpmn`);
  const response = await fetch(`${base}/engine-rest/deployment/create`, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`deploy ${name} answered ${response.status}: ${await response.text()}`);
}

export async function eventually<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Expected ${what} within ${timeoutMs} ms, but it did not happen`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
