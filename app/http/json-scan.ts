/** What a scan of request input found: where (a dotted path) and what. */
export interface ScanFinding {
  readonly path: string;
  readonly problem: 'nul' | 'depth';
}

const NUL = '\u0000';

/**
 * Looks through parsed request input (query parameters, a JSON body) for NUL characters in keys
 * and strings (PostgreSQL text cannot hold them) and for nesting deeper than `maxDepth`. Walks
 * without recursion and stops at the first finding.
 */
export function scanInput(value: unknown, maxDepth: number, root = ''): ScanFinding | null {
  const pending: (readonly [unknown, string, number])[] = [[value, root, 0]];
  while (pending.length > 0) {
    const [next, path, depth] = pending.pop()!;
    if (typeof next === 'string') {
      if (next.includes(NUL)) return { path, problem: 'nul' };
      continue;
    }
    if (typeof next !== 'object' || next === null) continue;
    if (depth >= maxDepth) return { path, problem: 'depth' };
    const entries: [string, unknown][] = Array.isArray(next) ? next.map((item, i) => [String(i), item]) : Object.entries(next);
    for (const [key, child] of entries) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if (key.includes(NUL)) return { path: childPath, problem: 'nul' };
      pending.push([child, childPath, depth + 1]);
    }
  }
  return null;
}
