import { Agent, request } from 'node:http';

/**
 * The load generator's HTTP calls, with the bench admin's HTTP Basic credentials, on node:http with
 * keep-alive connections: fetch (undici) costs the client several times the CPU per request, and the
 * client shares the machine with the service it measures.
 */
export class RestClient {
  // an idle connection is closed here after 4 s, before the service's keep-alive timeout closes it from its side
  // (65 s now; Node's 5 s in builds before stop 30, which BENCH_SERVICE_DIST may run): otherwise a request sent just
  // as the service closes it fails with ECONNRESET (one in a few thousand at 150/s)
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo', timeout: 4_000 });
  private parsed: URL | null = null;

  constructor(readonly rest: string, private readonly authorization: string) {}

  /** parsed on first use: the bpmn-engine job has a client but no service to call */
  private get url(): URL {
    this.parsed ??= new URL(this.rest);
    return this.parsed;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await this.send('POST', path, JSON.stringify(body));
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
    return (res.status === 204 ? null : JSON.parse(res.text)) as T;
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.send('GET', path, null);
    if (res.status >= 300) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
    return JSON.parse(res.text) as T;
  }

  private send(method: 'GET' | 'POST', path: string, body: string | null): Promise<{ status: number; text: string }> {
    const headers: Record<string, string | number> = { authorization: this.authorization, accept: 'application/json' };
    if (body !== null) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const req = request({ agent: this.agent, host: this.url.hostname, port: this.url.port, method, path: `${this.url.pathname}${path}`, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body ?? undefined);
    });
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
export async function leadRoutingRoundTrip(client: RestClient, i: number): Promise<RoundTripSteps> {
  const t0 = performance.now();
  const started = await client.post<{ id: string }>('/process-definition/key/bench_lead_routing/start', {
    variables: { amount: { value: i % 2 === 0 ? 250000 : 5000, type: 'Integer' } },
  });
  const t1 = performance.now();
  const [task] = await client.get<{ id: string }[]>(`/task?processInstanceId=${started.id}`);
  if (!task) throw new Error(`no task for instance ${started.id}`);
  const t2 = performance.now();
  await client.post(`/task/${task.id}/complete`, { variables: { qualified: { value: true, type: 'Boolean' } } });
  const t3 = performance.now();
  return { sent: t0, start: t1 - t0, query: t2 - t1, complete: t3 - t2 };
}

/** when each request of a round trip went out and how long each took (ms, performance.now()) */
export interface RoundTripSteps {
  readonly sent: number;
  readonly start: number;
  readonly query: number;
  readonly complete: number;
}
