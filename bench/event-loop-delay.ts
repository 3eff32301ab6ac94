/**
 * The longest the service's event loop was held up since the last call, in ms: prom-client's
 * nodejs_eventloop_lag_max_seconds from the service's GET /metrics, whose histogram each scrape resets.
 */
export async function eventLoopDelayMax(rest: string, authorization: string): Promise<number> {
  const res = await fetch(new URL('/metrics', rest), { headers: { authorization } });
  const text = await res.text();
  const line = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
  if (!res.ok || !line) throw new Error(`GET /metrics: ${res.status}, no nodejs_eventloop_lag_max_seconds`);
  return Number(line[1]) * 1000;
}
