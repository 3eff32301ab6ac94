import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { NotFoundError } from '../errors/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const timer = (kind: 'timeDate' | 'timeDuration' | 'timeCycle', value: string) => `<timerEventDefinition><${kind}>${value}</${kind}></timerEventDefinition>`;

/** a follow-up waiting in an intermediate timer before the call */
const followUp = (definition: string) => bpmn('followUp', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="wait">${definition}</intermediateCatchEvent>
  <userTask id="call"/>
  ${flows('start', 'wait', 'call')}`);

/** a complaint handled in a user task with a timer boundary event built by each spec */
const complaint = (boundary: string, cancelActivity = true) => bpmn('complaint', `
  <startEvent id="start"/>
  <userTask id="resolve"/>
  <boundaryEvent id="timer" attachedToRef="resolve" cancelActivity="${cancelActivity}">${boundary}</boundaryEvent>
  <userTask id="escalate"/>
  <userTask id="close"/>
  ${flows('start', 'resolve', 'close')}
  ${flows('timer', 'escalate')}`);

async function started(model: string, key: string) {
  const h = new EngineHarness();
  await h.deploy(model);
  const id = await h.start(key);
  const onlyJob = () => {
    const jobs = [...h.store.jobs.values()];
    expect(jobs).toHaveLength(1);
    return jobs[0]!;
  };
  return { h, id, onlyJob };
}

describe('feature: timer edge cases', () => {
  describe('a timer job delivered twice fires once', () => {
    it('two deliveries at the same moment: one runs, the other is skipped', async () => {
      const { h, id, onlyJob } = await started(followUp(timer('timeDuration', 'PT1H')), 'followUp');
      const job = onlyJob();
      h.clock.advance(HOUR);

      const outcomes = await Promise.all([h.engine.jobs.execute(job.id), h.engine.jobs.execute(job.id)]);

      expect(outcomes.sort()).toEqual(['done', 'skipped']);
      expect(h.path(id)).toEqual(['start', 'wait', 'call']);
    });

    it('a delivery after the job ran finds nothing: it changes nothing, and executing it by id is a 404', async () => {
      const { h, id, onlyJob } = await started(followUp(timer('timeDuration', 'PT1H')), 'followUp');
      const job = onlyJob();
      await h.advance(HOUR);

      expect(await h.engine.jobs.execute(job.id)).toBe('skipped');
      await expect(h.engine.jobs.executeNow(job.id)).rejects.toThrow(NotFoundError);
      expect(h.path(id)).toEqual(['start', 'wait', 'call']);
    });

    it('a cycle job delivered again at the due time it already fired for waits for its next due time', async () => {
      const { h, id, onlyJob } = await started(complaint(timer('timeCycle', 'R3/PT10M'), false), 'complaint');
      const job = onlyJob();
      h.clock.advance(10 * MINUTE);

      expect(await h.engine.jobs.execute(job.id)).toBe('done');
      expect(await h.engine.jobs.execute(job.id)).toBe('skipped');

      expect(h.tasks(id).filter((t) => t.taskDefinitionKey === 'escalate')).toHaveLength(1);
      expect(onlyJob().dueAt.toISOString()).toBe('2026-01-05T09:20:00.000Z');
    });
  });

  describe('a timer that fires after its activity or scope ended does nothing', () => {
    it('a delivery after the task completed (the job row went with the task) is skipped without an error', async () => {
      const { h, id, onlyJob } = await started(complaint(timer('timeDuration', 'PT1H')), 'complaint');
      const job = onlyJob();
      await h.complete(id, 'resolve');
      h.clock.advance(HOUR);

      expect(await h.engine.jobs.execute(job.id)).toBe('skipped');
      expect(h.activeElements(id)).toEqual(['close']);
      expect(h.store.incidents.size).toBe(0);
    });

    it('a timer racing the completion of its task: whichever commits first wins, the other changes nothing', async () => {
      const { h, id, onlyJob } = await started(complaint(timer('timeDuration', 'PT1H')), 'complaint');
      const job = onlyJob();
      const task = h.task(id, 'resolve');
      h.clock.advance(HOUR);

      const [fired, completed] = await h.race(() => h.engine.jobs.execute(job.id), () => h.engine.completeTask({ taskId: task.id, variables: new Map() }));

      expect(h.store.conflicts).toBe(1);
      expect(fired).toEqual({ status: 'fulfilled', value: 'done' });
      const timerWon = completed!.status === 'rejected';
      expect(h.activeElements(id)).toEqual([timerWon ? 'escalate' : 'close']);
      expect(h.store.jobs.size).toBe(0);
      expect(h.store.incidents.size).toBe(0);
    });

    it('a timer event sub-process whose sub-process completed: its job goes with the scope, a late delivery is skipped', async () => {
      const { h, id, onlyJob } = await started(bpmn('complaint', `
        <startEvent id="start"/>
        <subProcess id="handling">
          <startEvent id="handlingStart"/>
          <userTask id="resolve"/>
          ${flows('handlingStart', 'resolve')}
          <subProcess id="onTimeout" triggeredByEvent="true">
            <startEvent id="timeout">${timer('timeDuration', 'PT1H')}</startEvent>
            <userTask id="escalate"/>
            ${flows('timeout', 'escalate')}
          </subProcess>
        </subProcess>
        <userTask id="close"/>
        ${flows('start', 'handling', 'close')}`), 'complaint');
      const job = onlyJob();
      await h.complete(id, 'resolve');
      expect(h.store.jobs.size).toBe(0);

      await h.advance(HOUR);
      expect(await h.engine.jobs.execute(job.id)).toBe('skipped');

      expect(h.activeElements(id)).toEqual(['close']);
    });

    it('a timer of an instance that was deleted meanwhile changes nothing', async () => {
      const { h, id, onlyJob } = await started(followUp(timer('timeDuration', 'PT1H')), 'followUp');
      const job = onlyJob();
      await h.engine.deleteProcessInstance(id, 'customer withdrew');

      await h.advance(HOUR);

      expect(await h.engine.jobs.execute(job.id)).toBe('skipped');
      expect(h.state(id)).toBe('EXTERNALLY_TERMINATED');
      expect(h.path(id)).toEqual(['start', 'wait']);
    });
  });

  it('a cron cycle on a non-interrupting boundary event fires at every match while the task waits', async () => {
    // the clock starts on Monday 2026-01-05 09:00 UTC; the reminder is due every day at noon
    const { h, id, onlyJob } = await started(complaint(timer('timeCycle', '0 0 12 * * ?'), false), 'complaint');
    const reminders = () => h.tasks(id).filter((t) => t.taskDefinitionKey === 'escalate').length;
    expect(onlyJob().dueAt.toISOString()).toBe('2026-01-05T12:00:00.000Z');

    await h.advance(3 * HOUR - 1);
    expect(reminders()).toBe(0);
    await h.advance(1);
    expect(reminders()).toBe(1);
    expect(onlyJob().dueAt.toISOString()).toBe('2026-01-06T12:00:00.000Z');

    await h.advance(2 * DAY);
    expect(reminders()).toBe(3);

    await h.complete(id, 'resolve');
    await h.advance(DAY);
    expect(reminders()).toBe(3);
    expect(h.store.jobs.size).toBe(0);
  });

  describe('a timeDate in the past fires at once', () => {
    it('on an intermediate event: the instance passes straight through', async () => {
      const { h, id } = await started(followUp(timer('timeDate', '2020-01-01T00:00:00Z')), 'followUp');
      expect(h.path(id)).toEqual(['start', 'wait', 'call']);
      expect(h.store.jobs.size).toBe(0);
    });

    it('on an interrupting boundary event: the task is cancelled as soon as it started', async () => {
      const { h, id } = await started(complaint(timer('timeDate', '2026-01-01T00:00:00Z')), 'complaint');
      expect(h.activeElements(id)).toEqual(['escalate']);
      expect(h.activities(id).find((a) => a.activityId === 'resolve')?.canceled).toBe(true);
    });

    it('on a timer start event: an instance starts with the next job run after deployment', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('nightly', `
        <startEvent id="tick">${timer('timeDate', '2026-01-01T00:00:00Z')}</startEvent>
        <userTask id="check"/>
        ${flows('tick', 'check')}`));

      await h.runDueJobs();

      expect(h.tasks().map((t) => t.taskDefinitionKey)).toEqual(['check']);
      expect(h.store.jobs.size).toBe(0);
    });
  });

  it('a timer start event is replaced when a new version is deployed', async () => {
    const nightly = (duration: string) => bpmn('nightly', `
      <startEvent id="tick">${timer('timeDuration', duration)}</startEvent>
      <userTask id="check"/>
      ${flows('tick', 'check')}`);
    const h = new EngineHarness();
    await h.deploy(nightly('PT1H'));
    const [oldJob] = [...h.store.jobs.values()];

    await h.deploy(nightly('PT2H'));

    // the old version's job is gone, the new version's is scheduled
    const jobs = [...h.store.jobs.values()];
    const versionOf = (definitionId: string) => h.store.definitions.get(definitionId)?.version;
    expect(jobs.map((j) => [versionOf(j.definitionId), j.dueAt.toISOString()])).toEqual([[2, '2026-01-05T11:00:00.000Z']]);
    await h.advance(HOUR);
    expect(await h.engine.jobs.execute(oldJob!.id)).toBe('skipped');
    expect(h.tasks()).toEqual([]);

    await h.advance(HOUR);
    expect(h.tasks().map((t) => versionOf(t.definitionId))).toEqual([2]);
  });

  it('arms the timers of one command from one instant, even while the clock moves (reminder and breach exactly 1 h apart)', async () => {
    const h = new EngineHarness();
    const tick = h.clock.now.bind(h.clock);
    h.clock.now = () => {
      const now = tick();
      h.clock.advance(1);
      return now;
    };
    await h.deploy(bpmn('sla', `
      <startEvent id="start"/>
      <userTask id="resolve"/>
      <boundaryEvent id="reminder" attachedToRef="resolve" cancelActivity="false">${timer('timeDuration', 'PT3H')}</boundaryEvent>
      <boundaryEvent id="breach" attachedToRef="resolve">${timer('timeDuration', 'PT4H')}</boundaryEvent>
      <endEvent id="reminded"/>
      <endEvent id="breached"/>
      <endEvent id="done"/>
      ${flows('start', 'resolve', 'done')}
      ${flows('reminder', 'reminded')}
      ${flows('breach', 'breached')}`));
    await h.start('sla');
    const due = Object.fromEntries([...h.store.jobs.values()].map((j) => [j.activityId, j.dueAt.getTime()]));
    expect(due['breach']! - due['reminder']!).toBe(HOUR);
  });
});
