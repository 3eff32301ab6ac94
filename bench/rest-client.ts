/** the load generator's HTTP calls: fetch with the bench admin's HTTP Basic credentials */
export class RestClient {
  constructor(readonly rest: string, private readonly authorization: string) {}

  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.rest}${path}`, {
      method: 'POST',
      headers: { authorization: this.authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? null : await res.json()) as T;
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.rest}${path}`, { headers: { authorization: this.authorization } });
    if (res.status >= 300) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async deploy(name: string, files: readonly { readonly name: string; readonly content: string }[]): Promise<{ id: string; deployedProcessDefinitions?: Record<string, { id: string }> | null }> {
    const form = new FormData();
    form.append('deployment-name', name);
    for (const file of files) form.append(file.name, new Blob([file.content], { type: 'application/xml' }), file.name);
    const res = await fetch(`${this.rest}/deployment/create`, { method: 'POST', body: form, headers: { authorization: this.authorization } });
    if (res.status !== 200) throw new Error(`deploy ${name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; deployedProcessDefinitions?: Record<string, { id: string }> | null };
  }
}

/** the lead-routing round trip: start with an amount, find the user task, complete it */
export async function leadRoutingRoundTrip(client: RestClient, i: number, timings?: { start: number[]; complete: number[] }): Promise<void> {
  let t = performance.now();
  const started = await client.post<{ id: string }>('/process-definition/key/bench_lead_routing/start', {
    variables: { amount: { value: i % 2 === 0 ? 250000 : 5000, type: 'Integer' } },
  });
  timings?.start.push(performance.now() - t);
  const [task] = await client.get<{ id: string }[]>(`/task?processInstanceId=${started.id}`);
  if (!task) throw new Error(`no task for instance ${started.id}`);
  t = performance.now();
  await client.post(`/task/${task.id}/complete`, { variables: { qualified: { value: true, type: 'Boolean' } } });
  timings?.complete.push(performance.now() - t);
}
