import { Worker } from 'bullmq';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { openSqlEngine, until, type SqlEngineFixture } from '../support/sql-engine.js';

/**
 * A node dies (SIGKILL) while BullMQ holds one of its deliveries as active: nobody renews the
 * delivery's lock any more, and BullMQ's own stall check would move it back only after up to two
 * stall intervals (30 s each) on top of the lock. The reconciler hands the job over as soon as the
 * lock has lapsed (found by the fault suite: orphaned jobs resumed 90 s after a kill).
 */
const model = bpmn('dead_worker', `
  <startEvent id="start"/>
  <scriptTask id="work" scriptFormat="juel" camunda:asyncBefore="true" camunda:resultVariable="done"><script>\${true}</script></scriptTask>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

const withRedis = process.env['REDIS_URL'] ? describe : describe.skip;

withRedis('a delivery left active by a dead worker (BullMQ on Redis)', () => {
  let fx: SqlEngineFixture;
  let dead: Worker | null = null;

  beforeAll(async () => {
    fx = await openSqlEngine({ reconcileMs: 300 });
  });
  afterAll(async () => {
    await dead?.close(true).catch(() => undefined);
    await fx?.close();
  });

  it('is handed over again once its lock lapses, well before BullMQ notices the stall', async () => {
    await fx.engine.deploy({ name: 'dead', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: [{ name: 'dead.bpmn', content: model }] });
    const started = await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'dead_worker' }, businessKey: null, variables: new Map() });

    // the node that dies: takes the delivery (active, locked for 1 s) and never renews the lock nor finishes it
    const { hostname, port } = new URL(process.env['REDIS_URL']!);
    dead = new Worker('engine-jobs', null, { prefix: fx.queuePrefix!, connection: { host: hostname, port: Number(port || 6379), maxRetriesPerRequest: null }, lockDuration: 1000 });
    const taken = await dead.getNextJob('dead-node-token');
    expect(taken?.data).toEqual({ jobId: expect.any(String) });
    await dead.close(true);
    dead = null;

    await fx.startJobs();
    await until(async () => {
      const [row] = await fx.db.dataSource.query(`SELECT state FROM engine.hist_process_instance WHERE id = $1`, [started.instance.id]);
      return row?.state === 'COMPLETED';
    }, 15_000, 'the instance to complete (the lock of 1 s and a few reconciler rounds of 0.3 s, not BullMQ\'s stall interval of 30 s)');
    const [ran] = await fx.db.dataSource.query(`SELECT count(*)::int AS n FROM engine.hist_activity_instance WHERE process_instance_id = $1 AND activity_id = 'work'`, [started.instance.id]);
    expect(ran.n).toBe(1);
  });
});
