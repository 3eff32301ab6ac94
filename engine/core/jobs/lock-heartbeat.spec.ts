import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import type { ServiceTaskResult } from '../ports/service-task-handler.js';
import type { Heartbeat } from './lock-heartbeat.js';
import { heartbeatIntervalMs } from './lock-heartbeat.js';

const LOCK_MS = 1000;

const slowHandler = bpmn('slow', `
  <startEvent id="start"/>
  <serviceTask id="work" camunda:type="external" camunda:topic="crm.slow"/>
  <endEvent id="end"/>
  ${flows('start', 'work', 'end')}`);

/** a heartbeat the spec beats by hand: `beats` holds the running jobs' renewals */
function manualHeartbeat() {
  const beats = new Set<() => Promise<void>>();
  const heartbeat: Heartbeat = (intervalMs, beat) => {
    expect(intervalMs).toBe(heartbeatIntervalMs(LOCK_MS));
    beats.add(beat);
    return () => beats.delete(beat);
  };
  return { beats, heartbeat };
}

/** an engine whose handler for crm.slow runs until the spec releases it; the job is claimed and running */
async function runningSlowJob() {
  const { beats, heartbeat } = manualHeartbeat();
  const h = new EngineHarness({ jobLockMs: LOCK_MS, jobHeartbeat: heartbeat });
  let release: () => void = () => undefined;
  let entered: () => void = () => undefined;
  const inHandler = new Promise<void>((resolve) => (entered = resolve));
  h.handlers.set('crm.slow', () => new Promise<ServiceTaskResult>((resolve) => {
    release = () => resolve({ outcome: 'complete', variables: {} });
    entered();
  }));
  await h.deploy(slowHandler);
  await h.engine.startProcessInstance({ definition: { by: 'latest', key: 'slow' }, businessKey: null, variables: new Map() });
  const [job] = [...h.store.jobs.values()];
  const run = h.engine.jobs.execute(job!.id);
  await inHandler;
  return { h, beats, jobId: job!.id, run, release: () => release() };
}

describe('job lock heartbeat', () => {
  it('keeps a running job locked past its lock duration while the heartbeat renews it', async () => {
    const { h, beats, jobId, run, release } = await runningSlowJob();
    expect(beats.size).toBe(1);

    h.clock.advance(LOCK_MS - 100);
    for (const beat of beats) await beat();
    h.clock.advance(600); // past the first lock's end, within the renewed one

    expect(await h.store.claimJob(jobId, 'another-node', LOCK_MS)).toBeNull();
    release();
    await expect(run).resolves.toBe('done');
    expect(beats.size).toBe(0);
  });

  it('without a renewal the lock lapses after its duration, and another node may claim the job (a dead node\'s job)', async () => {
    const { h, jobId, run, release } = await runningSlowJob();

    h.clock.advance(LOCK_MS + 1);

    expect(await h.store.claimJob(jobId, 'another-node', LOCK_MS)).not.toBeNull();
    release();
    await run;
  });

  it('renews only a lock its owner still holds', async () => {
    const { h, jobId, run, release } = await runningSlowJob();
    h.clock.advance(LOCK_MS + 1);
    await h.store.claimJob(jobId, 'another-node', LOCK_MS);

    expect(await h.store.renewJobLock(jobId, 'harness', LOCK_MS)).toBe(false);
    expect(h.store.jobs.get(jobId)?.lockOwner).toBe('another-node');
    release();
    await run;
  });
});
