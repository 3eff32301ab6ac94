import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

const MINUTE = 60_000;

/** a sales rep calls a lead until it is reached; the loop is built by each spec */
function callLead(loop: string, extra = '', taskAttributes = ''): string {
  return bpmn('lead', `
    <startEvent id="start"/>
    <userTask id="call" name="Call attempt \${loopCounter + 1}" ${taskAttributes}>${loop}</userTask>
    <userTask id="qualify"/>
    ${extra}
    ${flows('start', 'call', 'qualify')}`);
}

async function started(model: string, variables: Record<string, unknown> = {}) {
  const h = new EngineHarness();
  await h.deploy(model);
  const id = await h.start('lead', variables);
  const iterations = (activityId = 'call') => h.activities(id).filter((a) => a.activityId === activityId);
  return { h, id, iterations };
}

describe('standard loop', () => {
  it('without testBefore runs once before checking, then again while the condition holds', async () => {
    // given a loop that checks after each call whether the lead was reached (it was already "reached")
    const { h, id, iterations } = await started(callLead(`
      <standardLoopCharacteristics><loopCondition xsi:type="tFormalExpression">\${not reached}</loopCondition></standardLoopCharacteristics>`), { reached: true });

    // then the first call happens anyway, numbered by loopCounter
    expect(h.task(id, 'call').name).toBe('Call attempt 1');

    // when the first call does not reach the lead
    await h.complete(id, 'call', { reached: false });
    // then the task comes again, as a new iteration
    expect(h.task(id, 'call').name).toBe('Call attempt 2');
    expect(iterations()).toHaveLength(2);

    // when the second call reaches the lead, the loop ends and the flow goes on
    await h.complete(id, 'call', { reached: true });
    expect(h.activeElements(id)).toEqual(['qualify']);
    expect(iterations().map((a) => a.endTime !== null)).toEqual([true, true]);
    const body = h.activities(id).find((a) => a.activityId === 'call#standardLoopBody');
    expect(body?.activityType).toBe('standardLoopBody');
    expect(iterations().every((a) => a.parentActivityInstanceId === body?.id)).toBe(true);
  });

  it('with testBefore checks before every iteration: a false condition runs it not at all', async () => {
    const { h, id, iterations } = await started(callLead(`
      <standardLoopCharacteristics testBefore="true"><loopCondition xsi:type="tFormalExpression">\${not reached}</loopCondition></standardLoopCharacteristics>`), { reached: true });

    expect(h.activeElements(id)).toEqual(['qualify']);
    expect(iterations()).toEqual([]);
    expect(h.path(id)).toEqual(['start', 'call#standardLoopBody', 'qualify']);
  });

  it('with testBefore runs while the condition holds, loopCounter counting the completed iterations', async () => {
    const { h, id, iterations } = await started(bpmn('lead', `
      <startEvent id="start"/>
      <scriptTask id="logAttempt" scriptFormat="juel" camunda:resultVariable="log">
        <script>\${log.concat(loopCounter)}</script>
        <standardLoopCharacteristics testBefore="true"><loopCondition xsi:type="tFormalExpression">\${loopCounter &lt; 3}</loopCondition></standardLoopCharacteristics>
      </scriptTask>
      <userTask id="qualify"/>
      ${flows('start', 'logAttempt', 'qualify')}`), { log: '' });

    expect(h.variable(id, 'log')).toBe('012');
    expect(iterations('logAttempt')).toHaveLength(3);
    expect(h.activeElements(id)).toEqual(['qualify']);
  });

  it('never runs more than loopMaximum iterations', async () => {
    const { h, id, iterations } = await started(callLead(`
      <standardLoopCharacteristics loopMaximum="2"><loopCondition xsi:type="tFormalExpression">\${true}</loopCondition></standardLoopCharacteristics>`));

    await h.complete(id, 'call');
    expect(h.task(id, 'call').name).toBe('Call attempt 2');
    await h.complete(id, 'call');

    expect(h.activeElements(id)).toEqual(['qualify']);
    expect(iterations()).toHaveLength(2);
  });

  it('input and output mappings apply to each iteration', async () => {
    const { h, id } = await started(bpmn('lead', `
      <startEvent id="start"/>
      <task id="dial">
        <extensionElements><camunda:inputOutput>
          <camunda:inputParameter name="attempt">\${loopCounter + 1}</camunda:inputParameter>
          <camunda:outputParameter name="lastAttempt">\${attempt}</camunda:outputParameter>
        </camunda:inputOutput></extensionElements>
        <standardLoopCharacteristics loopMaximum="3"/>
      </task>
      <userTask id="qualify"/>
      ${flows('start', 'dial', 'qualify')}`));

    expect(h.variable(id, 'lastAttempt')).toBe(3);
    expect(h.variable(id, 'attempt')).toBeUndefined();
  });

  it('loops a sub-process, each iteration a fresh instance of it', async () => {
    const { h, id, iterations } = await started(bpmn('lead', `
      <startEvent id="start"/>
      <subProcess id="attempt">
        <standardLoopCharacteristics><loopCondition xsi:type="tFormalExpression">\${not reached}</loopCondition></standardLoopCharacteristics>
        <startEvent id="attemptStart"/>
        <userTask id="call"/>
        <endEvent id="attemptEnd"/>
        ${flows('attemptStart', 'call', 'attemptEnd')}
      </subProcess>
      <userTask id="qualify"/>
      ${flows('start', 'attempt', 'qualify')}`));

    await h.complete(id, 'call', { reached: false });
    await h.complete(id, 'call', { reached: true });

    expect(iterations('attempt')).toHaveLength(2);
    expect(iterations('call')).toHaveLength(2);
    expect(h.activeElements(id)).toEqual(['qualify']);
  });

  it('a boundary timer covers the whole loop, not each iteration', async () => {
    const { h, id, iterations } = await started(callLead(
      `<standardLoopCharacteristics><loopCondition xsi:type="tFormalExpression">\${not reached}</loopCondition></standardLoopCharacteristics>`,
      `<boundaryEvent id="giveUp" attachedToRef="call"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
       <userTask id="disqualify"/>
       ${flows('giveUp', 'disqualify')}`));

    await h.advance(40 * MINUTE);
    await h.complete(id, 'call', { reached: false });
    expect(h.store.jobs.size).toBe(1);
    await h.advance(20 * MINUTE);

    expect(h.activeElements(id)).toEqual(['disqualify']);
    expect(iterations().map((a) => a.canceled)).toEqual([false, true]);
  });

  it('asyncBefore applies once, to the loop as a whole', async () => {
    const h = new EngineHarness();
    await h.deploy(callLead(`<standardLoopCharacteristics loopMaximum="2"/>`, '', 'camunda:asyncBefore="true"'));
    const started = await h.engine.startProcessInstance({ definition: { by: 'latest', key: 'lead' }, businessKey: null, variables: new Map() });
    const id = started.instance.id;
    expect([...h.store.jobs.values()].map((j) => j.type)).toEqual(['async-before']);

    await h.runDueJobs();
    await h.complete(id, 'call');

    expect(h.task(id, 'call').name).toBe('Call attempt 2');
    expect(h.store.jobs.size).toBe(0);
  });

  it('a loop condition that cannot be evaluated fails the command, naming the activity', async () => {
    const h = new EngineHarness();
    await h.deploy(callLead(`<standardLoopCharacteristics testBefore="true"><loopCondition xsi:type="tFormalExpression">\${attempts}</loopCondition></standardLoopCharacteristics>`));
    await expect(h.start('lead', { attempts: 3 })).rejects.toThrow(/Could not evaluate the loop condition of 'call'/);
  });

  it('is refused at deployment without a loopCondition and a loopMaximum, or with a negative loopMaximum', async () => {
    const h = new EngineHarness();
    await expect(h.deploy(callLead(`<standardLoopCharacteristics/>`)))
      .rejects.toThrow(/element 'call': Expected a loopCondition or a loopMaximum on the standard loop, but it has neither/);
    await expect(h.deploy(callLead(`<standardLoopCharacteristics loopMaximum="-1"/>`)))
      .rejects.toThrow(/element 'call': Expected loopMaximum of the standard loop to be a non-negative integer, but got '-1'/);
  });
});
