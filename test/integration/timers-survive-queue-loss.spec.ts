import { BullmqDispatcher } from '../../engine/adapters/jobs/bullmq-dispatcher.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { openSqlEngine, until, type SqlEngineFixture } from '../support/sql-engine.js';

// enough for hundreds of timers to come due together after the loss; more only adds minutes on a busy machine
const TIMERS = 300;

/**
 * The job rows are the truth: when the queue forgets every pending timer (a Redis flush, or a
 * restart of the in-process dispatcher), the reconciler hands them over again and none is lost.
 */
describe('pending timers survive losing the queue', () => {
  let fx: SqlEngineFixture;

  beforeAll(async () => {
    fx = await openSqlEngine({ reconcileMs: 300 });
  });
  afterAll(() => fx?.close());

  it(`fires all ${TIMERS} timers exactly once after the queue was flushed`, async () => {
    await fx.engine.deploy({
      name: 'timers', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
      resources: [{ name: 'wait.bpmn', content: bpmn('waiting', `
        <startEvent id="start"/>
        <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT2S</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <endEvent id="end"/>
        ${flows('start', 'wait', 'end')}`) }],
    });
    // no worker yet: the timers are handed to the queue and wait there
    for (let i = 0; i < TIMERS; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, TIMERS - i) }, () =>
        fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'waiting' }, businessKey: null, variables: new Map() })));
    }
    const pending = await fx.db.dataSource.query(`SELECT count(*)::int AS n FROM engine.job WHERE type = 'timer'`);
    expect(pending[0].n).toBe(TIMERS);

    // the queue loses everything it holds (in-process: never started, so its timers run into nothing)
    if (fx.dispatcher instanceof BullmqDispatcher) await fx.dispatcher.drain();

    await fx.startJobs();
    await until(async () => {
      const [row] = await fx.db.dataSource.query(`SELECT count(*)::int AS n FROM engine.hist_process_instance WHERE state = 'COMPLETED'`);
      return row.n === TIMERS;
    }, 240_000, `${TIMERS} completed instances`);
    const fired = await fx.db.dataSource.query(`SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE activity_id = 'end'`);
    expect(fired[0].n).toBe(TIMERS);
    const left = await fx.db.dataSource.query(`SELECT count(*)::int AS n FROM engine.job`);
    expect(left[0].n).toBe(0);
  }, 300_000); // 300 instances started, then 300 timers run: seconds idle, minutes on a loaded machine
});
