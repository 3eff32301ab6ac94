import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';

const MINUTE = 60_000;

/** a reminder loop: each occurrence of the cycle opens a call task */
const reminders = (cycle: string, after = '<userTask id="call"/>') => bpmn('reminders', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="every"><timerEventDefinition><timeCycle>${cycle}</timeCycle></timerEventDefinition></intermediateCatchEvent>
  ${after}
  ${flows('start', 'every', 'call')}`);

async function started(model: string): Promise<{ h: EngineHarness; id: string }> {
  const h = new EngineHarness();
  await h.deploy(model);
  return { h, id: await h.start('reminders') };
}

const callTasks = (h: EngineHarness, id: string) => h.tasks(id).filter((t) => t.taskDefinitionKey === 'call').length;

describe('feature: an intermediate timer catch event with a time cycle emits a token per occurrence', () => {
  it('R3/PT1M: one token on the outgoing flow per minute while the event keeps waiting, then the event completes', async () => {
    const { h, id } = await started(reminders('R3/PT1M'));
    expect(h.activeElements(id)).toEqual(['every']);

    await h.advance(MINUTE);
    expect(h.activeElements(id)).toEqual(['call', 'every']);
    await h.advance(MINUTE);
    expect(h.activeElements(id)).toEqual(['call', 'call', 'every']);
    await h.advance(MINUTE);
    expect(h.activeElements(id)).toEqual(['call', 'call', 'call']);
    expect([...h.store.jobs.values()]).toHaveLength(0);

    await h.advance(10 * MINUTE);
    expect(callTasks(h, id)).toBe(3);
    const event = h.activities(id).filter((a) => a.activityId === 'every');
    expect(event).toHaveLength(1);
    expect(event[0]!.endTime).not.toBeNull();
  });

  it('the instance ends once every emitted token and the exhausted event are done', async () => {
    const { h, id } = await started(reminders('R2/PT1M', '<endEvent id="call"/>'));
    await h.advance(MINUTE);
    expect(h.state(id)).toBe('ACTIVE');
    expect(h.activeElements(id)).toEqual(['every']);
    await h.advance(MINUTE);
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.path(id).filter((a) => a === 'call')).toHaveLength(2);
  });

  it('an unbounded cycle R/PT1M keeps emitting until its scope ends', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('reminders', `
      <startEvent id="start"/>
      <subProcess id="chasing">
        <startEvent id="innerStart"/>
        <intermediateCatchEvent id="every"><timerEventDefinition><timeCycle>R/PT1M</timeCycle></timerEventDefinition></intermediateCatchEvent>
        <userTask id="call"/>
        ${flows('innerStart', 'every', 'call')}
      </subProcess>
      <boundaryEvent id="deadline" attachedToRef="chasing"><timerEventDefinition><timeDuration>PT5M30S</timeDuration></timerEventDefinition></boundaryEvent>
      <endEvent id="gaveUp"/>
      <endEvent id="done"/>
      ${flows('start', 'chasing', 'done')}
      ${flows('deadline', 'gaveUp')}`));
    const id = await h.start('reminders');

    for (let minute = 1; minute <= 5; minute++) {
      await h.advance(MINUTE);
      expect(callTasks(h, id)).toBe(minute);
    }
    expect(h.activeElements(id)).toContain('every');

    await h.advance(MINUTE);
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.path(id)).toContain('gaveUp');
    expect([...h.store.jobs.values()]).toHaveLength(0);
  });

  it('R1/PT1M: the single occurrence completes the event', async () => {
    const { h, id } = await started(reminders('R1/PT1M'));
    await h.advance(MINUTE);
    expect(h.activeElements(id)).toEqual(['call']);
  });

  it('after an event-based gateway a cycle timer fires once: the gateway waits for the first occurrence only', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('reminders', `
      <startEvent id="start"/>
      <eventBasedGateway id="gw"/>
      <intermediateCatchEvent id="every"><timerEventDefinition><timeCycle>R3/PT1M</timeCycle></timerEventDefinition></intermediateCatchEvent>
      <intermediateCatchEvent id="answered"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
      <userTask id="call"/>
      <endEvent id="done"/>
      ${flows('start', 'gw', 'every', 'call')}
      ${flows('gw', 'answered', 'done')}`, '<message id="m" name="answered"/>'));
    const id = await h.start('reminders');
    await h.advance(5 * MINUTE);
    expect(h.activeElements(id)).toEqual(['call']);
    expect([...h.store.jobs.values()]).toHaveLength(0);
  });
});
