import { markdownTable, figureRow } from '../../bench/faults/report.js';
import { FAULTS, runFault, type FaultFigures, type FaultName } from '../../bench/faults/run-fault.js';
import { JOBS_PER_INSTANCE } from '../../bench/faults/model.js';
import { buildService } from '../support/build-service.js';
import { isCi } from '../support/test-database.js';

/**
 * The fault suite, short form (the full form: `npm run bench -- faults`, bench/faults/): each of
 * six faults on its own scratch database and queue, under a running load of instances of a model
 * with every durable mechanism (bench/models/faults-everything.bpmn), each judged from the REST
 * history: every instance completed once, every element's activity instances as the model
 * demands, no incident, nothing left. The service runs as its own processes with its default
 * JOB_LOCK_MS (20 s) and JOB_RECONCILE_MS (5 s): the bounds below are issue 14's.
 *
 * Two lanes run side by side (a kill mostly waits for a lock to lapse).
 */
const INSTANCES = 50;
const STARTS_PER_SECOND = 8;
/** a lane of three faults, on a loaded machine */
const LONG = 600_000;
const LANES: readonly (readonly FaultName[])[] = [
  ['kill-restart', 'queue-wipe', 'redis-restart'],
  ['kill-one-of-three', 'pg-terminate', 'double-delivery'],
];

const ready = Boolean(process.env['DATABASE_URL'] && process.env['REDIS_URL']);
if (!ready && !isCi()) console.log('fault suite skipped: it needs DATABASE_URL and REDIS_URL (PostgreSQL and Redis)');
const suite = ready || isCi() ? describe : describe.skip;

suite(`the fault suite, short form (${INSTANCES} instances per fault)`, () => {
  const results = new Map<FaultName, Promise<FaultFigures>>();
  const settled: FaultFigures[] = [];

  beforeAll(() => {
    if (!ready) throw new Error('CI=true but DATABASE_URL or REDIS_URL is not set: the fault suite runs against PostgreSQL and Redis');
    buildService();
    for (const lane of LANES) {
      let previous: Promise<unknown> = Promise.resolve();
      for (const fault of lane) {
        const run = previous.catch(() => undefined).then(() => runFault({ fault, instances: INSTANCES, startsPerSecond: STARTS_PER_SECOND, completionMs: 180_000 }));
        run.then((figures) => settled.push(figures), () => undefined);
        results.set(fault, run);
        previous = run;
      }
    }
  });

  afterAll(async () => {
    await Promise.allSettled(results.values());
    if (settled.length > 0) console.log(markdownTable(`fault suite, short form: ${INSTANCES} instances per fault, two faults at a time`, settled.map(figureRow)));
  });

  const figuresOf = async (fault: FaultName): Promise<FaultFigures> => {
    const figures = await results.get(fault)!;
    // the verdict's problems, one per line: what went wrong, in how many instances
    expect(figures.verdict.problems).toEqual([]);
    return figures;
  };

  it('(a) SIGKILL of the node, restarted: every orphaned job resumes within 30 s, every instance completes within 2 minutes', async () => {
    const figures = await figuresOf('kill-restart');
    expect(figures.killToLastOrphanResumedS).toBeLessThanOrEqual(30);
    expect(figures.faultToLastCompletionS).toBeLessThanOrEqual(120);
  }, LONG);

  it('(b) SIGKILL of one of three nodes, not restarted: the others resume its jobs within 30 s, every instance completes within 2 minutes', async () => {
    const figures = await figuresOf('kill-one-of-three');
    expect(figures.killToLastOrphanResumedS).toBeLessThanOrEqual(30);
    expect(figures.faultToLastCompletionS).toBeLessThanOrEqual(120);
  }, LONG);

  it('(c) the queue deleted key by key while running: every timer fires once, within 10 s of its due time', async () => {
    const figures = await figuresOf('queue-wipe');
    expect(figures.done).toBeGreaterThan(0);
    expect(figures.timerLatenessAfterLossS!.count).toBeGreaterThan(0);
    expect(figures.timerLatenessAfterLossS!.max).toBeLessThanOrEqual(10);
  }, LONG);

  it('(d) Redis restarted, empty: every timer fires once, within 10 s of its due time', async () => {
    const figures = await figuresOf('redis-restart');
    expect(figures.timerLatenessAfterLossS!.count).toBeGreaterThan(0);
    expect(figures.timerLatenessAfterLossS!.max).toBeLessThanOrEqual(10);
  }, LONG);

  it('(e) every PostgreSQL connection terminated, 3 times', async () => {
    const figures = await figuresOf('pg-terminate');
    expect(figures.done).toBeGreaterThan(0);
  }, LONG);

  it('(f) every BullMQ job delivered twice', async () => {
    const figures = await figuresOf('double-delivery');
    expect(figures.done).toBeGreaterThanOrEqual(INSTANCES * JOBS_PER_INSTANCE);
  }, LONG);

  it('covers every fault', () => {
    expect([...results.keys()].sort()).toEqual([...FAULTS].sort());
  });
});
