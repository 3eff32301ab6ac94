import type { ResilientClient } from './resilient-client.js';
import { CALLED_KEY, EXPECTED_ACTIVITIES, MAIN_KEY, TIMER_ACTIVITY, TIMER_MS } from './model.js';

const PAGE = 5000;

interface HistoricInstance {
  readonly id: string;
  readonly businessKey: string | null;
  readonly superProcessInstanceId: string | null;
  readonly state: string;
  readonly startTime: string;
  readonly endTime: string | null;
}

interface HistoricActivity {
  readonly processInstanceId: string;
  readonly activityId: string;
  readonly startTime: string;
  readonly endTime: string | null;
}

export interface Verdict {
  /** empty when the run is sound; otherwise one line per kind of problem */
  readonly problems: string[];
  /** end times (ms) of the main instances, for the rates */
  readonly endTimes: number[];
  /** per timer: when it fired (ms) and how late after its due time (ms) */
  readonly timers: { readonly firedAt: number; readonly lateMs: number }[];
}

/**
 * The verdict of a fault run, from the REST API only (history, incidents, jobs, external tasks,
 * tasks): every instance of fault_everything completed, exactly one per business key
 * fault-0 … fault-(n-1), one called instance each, every element's activity instances exactly as
 * EXPECTED_ACTIVITIES says (none twice, none missing), no incident ever, nothing left to run.
 */
export async function judge(client: Pick<ResilientClient, 'ok'>, instances: number): Promise<Verdict> {
  const problems: string[] = [];
  const main = await pages<HistoricInstance>(client, `/history/process-instance?processDefinitionKey=${MAIN_KEY}&sortBy=instanceId&sortOrder=asc`);
  const called = await pages<HistoricInstance>(client, `/history/process-instance?processDefinitionKey=${CALLED_KEY}&sortBy=instanceId&sortOrder=asc`);

  const perKey = countBy(main, (i) => i.businessKey ?? '(none)');
  const expectedKeys = new Set(Array.from({ length: instances }, (_, i) => `fault-${i}`));
  const missing = [...expectedKeys].filter((k) => !perKey.has(k));
  const twice = [...perKey].filter(([, n]) => n > 1).map(([k]) => k);
  const strangers = [...perKey.keys()].filter((k) => !expectedKeys.has(k));
  if (missing.length > 0) problems.push(`${missing.length} business keys never started: ${sample(missing)}`);
  if (twice.length > 0) problems.push(`${twice.length} business keys started more than once: ${sample(twice)}`);
  if (strangers.length > 0) problems.push(`${strangers.length} instances with unexpected business keys: ${sample(strangers)}`);
  for (const [label, list] of [[MAIN_KEY, main], [CALLED_KEY, called]] as const) {
    const states = countBy(list, (i) => i.state);
    const notCompleted = list.length - (states.get('COMPLETED') ?? 0);
    if (notCompleted > 0) problems.push(`${label}: ${notCompleted} of ${list.length} instances not COMPLETED (${[...states].map(([s, n]) => `${s} ${n}`).join(', ')})`);
  }
  const mainIds = new Set(main.map((i) => i.id));
  const callsPerParent = countBy(called, (i) => i.superProcessInstanceId ?? '(none)');
  const parentsCalledWrong = main.filter((i) => (callsPerParent.get(i.id) ?? 0) !== 1).length;
  if (parentsCalledWrong > 0) problems.push(`${parentsCalledWrong} instances of ${MAIN_KEY} without exactly one ${CALLED_KEY} instance`);
  const orphanCalls = called.filter((i) => !mainIds.has(i.superProcessInstanceId ?? '')).length;
  if (orphanCalls > 0) problems.push(`${orphanCalls} instances of ${CALLED_KEY} not called by an instance of this run`);

  const timers: { firedAt: number; lateMs: number }[] = [];
  for (const [key, list] of [[MAIN_KEY, main], [CALLED_KEY, called]] as const) {
    const activities = await pages<HistoricActivity>(client, `/history/activity-instance?processDefinitionKey=${key}&sortBy=activityInstanceId&sortOrder=asc`);
    const perInstance = new Map<string, Map<string, number>>();
    for (const a of activities) {
      const counts = perInstance.get(a.processInstanceId) ?? new Map<string, number>();
      counts.set(a.activityId, (counts.get(a.activityId) ?? 0) + 1);
      perInstance.set(a.processInstanceId, counts);
      if (a.activityId === TIMER_ACTIVITY && a.endTime) {
        const firedAt = Date.parse(a.endTime);
        timers.push({ firedAt, lateMs: firedAt - Date.parse(a.startTime) - TIMER_MS });
      }
    }
    const expected = EXPECTED_ACTIVITIES[key]!;
    const deviations = new Map<string, number>();
    for (const instance of list) {
      const counts = perInstance.get(instance.id) ?? new Map<string, number>();
      for (const id of new Set([...Object.keys(expected), ...counts.keys()])) {
        const want = expected[id] ?? 0;
        const got = counts.get(id) ?? 0;
        if (got !== want) deviations.set(`${id}: expected ${want}, got ${got}`, (deviations.get(`${id}: expected ${want}, got ${got}`) ?? 0) + 1);
      }
    }
    for (const [what, n] of deviations) problems.push(`${key} element ${what} in ${n} instances`);
  }

  const left = async (path: string) => (await client.ok<{ count: number }>('GET', path)).count;
  const leftovers: [string, string][] = [
    ['open incidents', '/incident/count'], ['incidents ever (history)', '/history/incident/count'], ['jobs left', '/job/count'],
    ['external tasks left', '/external-task/count'], ['user tasks left', '/task/count'], ['instances still running', '/process-instance/count'],
  ];
  for (const [what, path] of leftovers) {
    const n = await left(path);
    if (n > 0) problems.push(`${what}: ${n}`);
  }
  const endTimes = main.filter((i) => i.endTime).map((i) => Date.parse(i.endTime!)).sort((a, b) => a - b);
  return { problems, endTimes, timers };
}

async function pages<T>(client: Pick<ResilientClient, 'ok'>, path: string): Promise<T[]> {
  const all: T[] = [];
  for (let first = 0; ; first += PAGE) {
    const page = await client.ok<T[]>('GET', `${path}&firstResult=${first}&maxResults=${PAGE}`);
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function sample(items: readonly string[]): string {
  return items.slice(0, 5).join(', ') + (items.length > 5 ? ', …' : '');
}

export function describeVerdict(name: string, verdict: Verdict): string {
  return verdict.problems.length === 0 ? `${name}: sound` : `${name}: ${verdict.problems.length} problems\n  - ${verdict.problems.join('\n  - ')}`;
}
