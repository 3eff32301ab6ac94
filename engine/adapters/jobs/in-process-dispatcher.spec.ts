import { eventually } from '../../../test/support/eventually.js';
import { InProcessDispatcher } from './in-process-dispatcher.js';

describe('InProcessDispatcher', () => {
  it('runs a due job once per hand-over', async () => {
    const dispatcher = new InProcessDispatcher(2);
    const runs: string[] = [];
    await dispatcher.start(async (id) => {
      runs.push(id);
    });
    await dispatcher.dispatch([{ id: 'a', dueAt: new Date(0) }, { id: 'b', dueAt: new Date(0) }, { id: 'a', dueAt: new Date(0) }]);
    await eventually(() => expect(runs.sort()).toEqual(['a', 'b']));
    await dispatcher.stop();
  });

  it('runs a job again when it is handed over while it runs (a failed run schedules its immediate retry)', async () => {
    // regression: the retry was dropped as "already queued", leaving it to the reconciler seconds later
    const dispatcher = new InProcessDispatcher(1);
    let runs = 0;
    await dispatcher.start(async (id) => {
      runs++;
      if (runs < 3) await dispatcher.dispatch([{ id, dueAt: new Date(0) }]);
    });
    await dispatcher.dispatch([{ id: 'retried', dueAt: new Date(0) }]);
    // without the fix there is no third run at all (no reconciler here), so the wait may be long
    await eventually(() => expect(runs).toBe(3));
    await dispatcher.stop();
  });

  it('runs nothing after stop', async () => {
    const dispatcher = new InProcessDispatcher(1);
    let runs = 0;
    await dispatcher.start(async () => {
      runs++;
    });
    await dispatcher.stop();
    await dispatcher.dispatch([{ id: 'late', dueAt: new Date(0) }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(0);
  });
});
