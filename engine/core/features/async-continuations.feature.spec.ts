import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';

const MINUTE = 60_000;

/** starts without running jobs, so the specs can look at the instance before the job runs */
async function startOnly(h: EngineHarness, key: string, variables: Record<string, unknown> = {}): Promise<string> {
  const started = await h.engine.startProcessInstance({ definition: { by: 'latest', key }, businessKey: null, variables: typed(variables) });
  return started.instance.id;
}

const jobs = (h: EngineHarness) => [...h.store.jobs.values()];

describe('feature: async continuations', () => {
  it('asyncBefore: the instance waits before the activity until the job runs', async () => {
    // given a user task with asyncBefore
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <userTask id="review" camunda:asyncBefore="true"/>
      ${flows('start', 'review')}`));

    // when the instance starts
    const id = await startOnly(h, 'p');

    // then a job stands before the task, and there is no task yet
    expect(jobs(h).map((j) => [j.type, j.activityId, j.retries])).toEqual([['async-before', 'review', 3]]);
    expect(h.tasks(id)).toEqual([]);
    expect([...h.store.elements.values()].find((e) => e.elementId === 'review')?.state).toBe('ACTIVATING');

    // when the job runs, the task is created
    await h.runDueJobs();
    expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['review']);
    expect(jobs(h)).toEqual([]);
    expect([...h.store.elements.values()].find((e) => e.elementId === 'review')?.state).toBe('ACTIVE');
  });

  it('asyncAfter: the activity is done, but the token leaves only when the job runs', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <scriptTask id="compute" scriptFormat="juel" camunda:resultVariable="total" camunda:asyncAfter="true"><script>\${a + b}</script></scriptTask>
      <userTask id="after"/>
      ${flows('start', 'compute', 'after')}`));

    const id = await startOnly(h, 'p', { a: 1, b: 2 });

    expect(h.variable(id, 'total')).toBe(3);
    expect(h.activeElements(id)).toEqual(['compute']);
    expect([...h.store.elements.values()].find((e) => e.elementId === 'compute')?.state).toBe('COMPLETING');
    expect(jobs(h).map((j) => [j.type, j.activityId])).toEqual([['async-after', 'compute']]);

    await h.runDueJobs();
    expect(h.activeElements(id)).toEqual(['after']);
    expect(h.activities(id).find((a) => a.activityId === 'compute')?.endTime).not.toBeNull();
  });

  it('asyncAfter: a completed activity waiting for its job no longer reacts to its boundary events (regression)', async () => {
    // given a user task with asyncAfter and an interrupting timer boundary of 1h
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <userTask id="offer" camunda:asyncAfter="true"/>
      <boundaryEvent id="expired" attachedToRef="offer"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <userTask id="send"/>
      <userTask id="late"/>
      ${flows('start', 'offer', 'send')}
      ${flows('expired', 'late')}`));
    const id = await h.start('p');

    // when the task is completed in time, but its async-after job has not run yet
    await h.engine.completeTask({ taskId: h.task(id, 'offer').id, variables: new Map() });

    // then the boundary timer is gone, so it cannot interrupt the completed task later
    expect(jobs(h).map((j) => j.type)).toEqual(['async-after']);
    await h.advance(2 * 60 * MINUTE);
    expect(h.path(id)).toEqual(['start', 'offer', 'send']);
    expect(h.activities(id).find((a) => a.activityId === 'offer')?.canceled).toBe(false);
  });

  describe('a failing job', () => {
    const failing = (retryCycle: string) => bpmn('p', `
      <startEvent id="start"/>
      <scriptTask id="price" scriptFormat="juel" camunda:resultVariable="price" camunda:asyncBefore="true">
        ${retryCycle ? `<extensionElements><camunda:failedJobRetryTimeCycle>${retryCycle}</camunda:failedJobRetryTimeCycle></extensionElements>` : ''}
        <script>\${product.listPrice * 0.9}</script>
      </scriptTask>
      <userTask id="after"/>
      ${flows('start', 'price', 'after')}`);

    it('is retried per camunda:failedJobRetryTimeCycle (R2/PT5M), then gets an incident', async () => {
      const h = new EngineHarness();
      await h.deploy(failing('R2/PT5M'));
      const id = await startOnly(h, 'p');
      expect(jobs(h)[0]!.retries).toBe(2);

      // first attempt fails: one retry left, due again 5 minutes later
      await h.runDueJobs();
      expect(jobs(h)[0]).toMatchObject({ retries: 1, dueAt: new Date('2026-01-05T09:05:00.000Z'), lockOwner: null });
      expect(jobs(h)[0]!.exceptionMessage).toMatch(/Could not evaluate 'price'/);
      expect(h.store.incidents.size).toBe(0);

      // not retried before it is due
      await h.advance(5 * MINUTE - 1);
      expect(jobs(h)[0]!.retries).toBe(1);

      // second attempt fails: no retries left, an incident on the activity
      await h.advance(1);
      expect(jobs(h)[0]).toMatchObject({ retries: 0, dueAt: new Date('2026-01-05T09:10:00.000Z') });
      const [incident] = [...h.store.incidents.values()];
      expect(incident).toMatchObject({ type: 'failedJob', activityId: 'price', processInstanceId: id, configuration: jobs(h)[0]!.id });
      expect(incident!.message).toMatch(/Could not evaluate 'price'/);

      // and it is not run again by itself
      await h.advance(60 * MINUTE);
      expect(jobs(h)[0]!.retries).toBe(0);
      expect(h.activeElements(id)).toEqual(['price']);
    });

    it('without a retry cycle it runs three times in a row', async () => {
      const h = new EngineHarness();
      await h.deploy(failing(''));
      await startOnly(h, 'p');
      await h.runDueJobs();
      expect(jobs(h)[0]!.retries).toBe(2);
      await h.runDueJobs();
      await h.runDueJobs();
      expect(jobs(h)[0]!.retries).toBe(0);
      expect(h.store.incidents.size).toBe(1);
    });

    it('setJobRetries resolves the incident and the job runs again', async () => {
      const h = new EngineHarness();
      await h.deploy(failing('R1/PT5M'));
      const id = await startOnly(h, 'p');
      await h.runDueJobs();
      expect(h.store.incidents.size).toBe(1);

      // when the data is fixed and the job gets a retry
      await h.engine.modifyVariables(id, typed({ product: { listPrice: 100 } }));
      await h.engine.setJobRetries(jobs(h)[0]!.id, 1);

      // then the incident is resolved, and the job continues the instance
      expect(h.store.incidents.size).toBe(0);
      expect((([...h.store.history.incident.values()]) as { state: string }[]).map((i) => i.state)).toEqual(['RESOLVED']);
      await h.advance(5 * MINUTE);
      expect(h.variable(id, 'price')).toBe(90);
      expect(h.activeElements(id)).toEqual(['after']);
      expect(jobs(h)).toEqual([]);
    });
  });

  it('a job of an activity that was cancelled meanwhile is gone with it', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <userTask id="later" camunda:asyncBefore="true"/>
      <endEvent id="kill"><terminateEventDefinition/></endEvent>
      <userTask id="decide"/>
      ${flows('start', 'fork', 'later')}
      ${flows('fork', 'decide', 'kill')}`));
    const id = await startOnly(h, 'p');
    expect(jobs(h)).toHaveLength(1);
    await h.engine.completeTask({ taskId: h.task(id, 'decide').id, variables: new Map() });
    expect(h.state(id)).toBe('COMPLETED');
    expect(jobs(h)).toEqual([]);
    expect(h.activities(id).find((a) => a.activityId === 'later')?.canceled).toBe(true);
  });
});
