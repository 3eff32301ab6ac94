import { sleep } from '../service.js';

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** what went wrong on the way while a fault is on: counted, never thrown while there is time left */
export interface TransportErrors {
  unreachable: number;
  unavailable: number;
}

/** a POST whose request may have reached a node that then died: it may or may not have committed */
export class OutcomeUnknown extends Error {}

/**
 * REST calls to whichever nodes are alive, for a driver that keeps going through a fault: a 5xx
 * (nothing committed) or a refused connection (nothing sent) is tried again, on the next node
 * after a pause, until `patienceMs` is spent; a 2xx or 4xx is the answer. A GET is also tried again
 * after any other connection error; a POST then throws OutcomeUnknown, since repeating it could
 * do it twice (a second instance for one start): the caller finds out what happened. The nodes
 * are read on every attempt, so a node killed or started meanwhile is left out or taken in.
 */
export class ResilientClient {
  private next = 0;
  private abandoned = false;
  readonly errors: TransportErrors = { unreachable: 0, unavailable: 0 };

  constructor(
    private readonly nodes: () => readonly string[],
    private readonly authorization: string,
    private readonly patienceMs = 120_000,
  ) {}

  /** calls under way give up at their next retry, new ones at once: the run is over */
  abandon(): void {
    this.abandoned = true;
  }

  async get<T>(path: string): Promise<Answer<T>> {
    return this.call<T>('GET', path);
  }

  async post<T>(path: string, body: unknown): Promise<Answer<T>> {
    return this.call<T>('POST', path, body);
  }

  /** the answer's body, or an error naming the call when it is not a 2xx */
  async ok<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
    const deadline = Date.now() + this.patienceMs;
    let last = '';
    for (let attempt = 0; ; attempt++) {
      const nodes = this.nodes();
      const base = nodes[this.next++ % Math.max(1, nodes.length)];
      if (base) {
        try {
          const res = await fetch(`${base}${path}`, {
            method,
            headers: { authorization: this.authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(30_000),
          });
          const text = await res.text();
          const parsed = text ? (JSON.parse(text) as T) : (null as T);
          if (res.status < 500) return { status: res.status, body: parsed };
          this.errors.unavailable++;
          last = `${res.status} ${text.slice(0, 200)}`;
        } catch (error) {
          this.errors.unreachable++;
          last = error instanceof Error ? error.message : String(error);
          const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
          if (method === 'POST' && !refused) throw new OutcomeUnknown(`${method} ${path}: ${last} (it may have been done)`);
        }
      } else {
        last = 'no node is running';
      }
      if (this.abandoned) throw new Error(`${method} ${path}: abandoned (last: ${last})`);
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer within ${this.patienceMs / 1000} s (last: ${last})`);
      await sleep(Math.min(1000, 100 * (attempt + 1)));
    }
  }
}
