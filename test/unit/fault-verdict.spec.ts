import { EXPECTED_ACTIVITIES } from '../../bench/faults/model.js';
import type { ResilientClient } from '../../bench/faults/resilient-client.js';
import { judge } from '../../bench/faults/verdict.js';

/** the fault suite's verdict (bench/faults/verdict.ts) on a history made up here: what it must see */
type Row = Record<string, unknown>;

function history(instances: number): { main: Row[]; called: Row[]; activities: Row[]; calledActivities: Row[]; counts: Record<string, number> } {
  const main: Row[] = [];
  const called: Row[] = [];
  const activities: Row[] = [];
  const calledActivities: Row[] = [];
  for (let i = 0; i < instances; i++) {
    const id = `p${i}`;
    main.push({ id, businessKey: `fault-${i}`, superProcessInstanceId: null, state: 'COMPLETED', startTime: '2026-12-06T10:00:00.000Z', endTime: '2026-12-06T10:00:05.000Z' });
    called.push({ id: `c${i}`, businessKey: null, superProcessInstanceId: id, state: 'COMPLETED', startTime: '2026-12-06T10:00:03.000Z', endTime: '2026-12-06T10:00:04.000Z' });
    for (const [activityId, n] of Object.entries(EXPECTED_ACTIVITIES['fault_everything']!)) {
      for (let k = 0; k < n; k++) activities.push({ processInstanceId: id, activityId, startTime: '2026-12-06T10:00:01.000Z', endTime: '2026-12-06T10:00:03.500Z' });
    }
    for (const [activityId, n] of Object.entries(EXPECTED_ACTIVITIES['fault_called']!)) {
      for (let k = 0; k < n; k++) calledActivities.push({ processInstanceId: `c${i}`, activityId, startTime: '2026-12-06T10:00:03.000Z', endTime: '2026-12-06T10:00:04.000Z' });
    }
  }
  return { main, called, activities, calledActivities, counts: {} };
}

function readerOf(h: ReturnType<typeof history>): Pick<ResilientClient, 'ok'> {
  return {
    ok: async <T>(_method: 'GET' | 'POST', path: string): Promise<T> => {
      const first = Number(/firstResult=(\d+)/.exec(path)?.[1] ?? 0);
      const page = (rows: Row[]) => rows.slice(first, first + 5000) as T;
      if (path.startsWith('/history/process-instance?processDefinitionKey=fault_everything')) return page(h.main);
      if (path.startsWith('/history/process-instance?processDefinitionKey=fault_called')) return page(h.called);
      if (path.startsWith('/history/activity-instance?processDefinitionKey=fault_everything')) return page(h.activities);
      if (path.startsWith('/history/activity-instance?processDefinitionKey=fault_called')) return page(h.calledActivities);
      return { count: h.counts[path] ?? 0 } as T;
    },
  };
}

describe('the fault suite verdict', () => {
  it('finds a sound history sound, and reads each timer\'s lateness', async () => {
    const verdict = await judge(readerOf(history(3)), 3);
    expect(verdict.problems).toEqual([]);
    expect(verdict.timers).toHaveLength(3);
    expect(verdict.timers[0]!.lateMs).toBe(500);
  });

  it('names an element run twice, one never run, a key started twice, one never started, an instance not completed and what is left', async () => {
    const h = history(4);
    h.activities.push({ processInstanceId: 'p1', activityId: 'itemWork', startTime: '2026-12-06T10:00:01.000Z', endTime: null });
    h.activities.splice(h.activities.findIndex((a) => a.processInstanceId === 'p2' && a.activityId === 'undoBook'), 1);
    h.main[3] = { ...h.main[3]!, businessKey: 'fault-0', state: 'ACTIVE', endTime: null };
    h.counts['/job/count'] = 2;
    h.counts['/history/incident/count'] = 1;
    const verdict = await judge(readerOf(h), 4);
    expect(verdict.problems).toEqual([
      '1 business keys never started: fault-3',
      '1 business keys started more than once: fault-0',
      'fault_everything: 1 of 4 instances not COMPLETED (COMPLETED 3, ACTIVE 1)',
      'fault_everything element itemWork: expected 3, got 4 in 1 instances',
      'fault_everything element undoBook: expected 1, got 0 in 1 instances',
      'incidents ever (history): 1',
      'jobs left: 2',
    ]);
  });

  it('sees a called instance missing', async () => {
    const h = history(2);
    h.called.pop();
    h.calledActivities = h.calledActivities.filter((a) => a.processInstanceId !== 'c1');
    expect((await judge(readerOf(h), 2)).problems).toEqual(['1 instances of fault_everything without exactly one fault_called instance']);
  });
});
