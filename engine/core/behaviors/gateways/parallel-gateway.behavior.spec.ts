import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

const condition = (expression: string) => `<conditionExpression xsi:type="tFormalExpression">${expression}</conditionExpression>`;

/** onboarding: fork into contract and account setup, join, then welcome call */
const onboarding = bpmn('onboarding', `
  <startEvent id="start"/>
  <parallelGateway id="fork"/>
  <userTask id="contract"/>
  <userTask id="account"/>
  <parallelGateway id="join"/>
  <userTask id="welcomeCall"/>
  <endEvent id="end"/>
  ${flows('start', 'fork', 'contract', 'join', 'welcomeCall', 'end')}
  ${flows('fork', 'account', 'join')}`);

describe('parallel gateway', () => {
  it('forks a token onto every outgoing flow', async () => {
    const h = new EngineHarness();
    await h.deploy(onboarding);
    const id = await h.start('onboarding');
    expect(h.activeElements(id)).toEqual(['account', 'contract']);
    expect(h.tasks(id).map((t) => t.taskDefinitionKey).sort()).toEqual(['account', 'contract']);
  });

  it('joins: waits until a token arrived on every incoming flow, then continues once', async () => {
    const h = new EngineHarness();
    await h.deploy(onboarding);
    const id = await h.start('onboarding');

    // when only one branch completes, the join waits
    await h.complete(id, 'contract');
    expect(h.activeElements(id)).toEqual(['account']);
    expect(h.path(id).filter((a) => a === 'join')).toEqual([]);

    // when the other completes, the join fires exactly once
    await h.complete(id, 'account');
    expect(h.activeElements(id)).toEqual(['welcomeCall']);
    expect(h.path(id).filter((a) => a === 'join')).toEqual(['join']);
    expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['welcomeCall']);

    await h.complete(id, 'welcomeCall');
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('counts tokens per incoming flow: two tokens on one flow do not replace the missing one', async () => {
    // given three branches where two merge (exclusively) onto the same incoming flow of the join
    const h = new EngineHarness();
    await h.deploy(bpmn('perFlow', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <userTask id="a1"/>
      <userTask id="a2"/>
      <exclusiveGateway id="merge"/>
      <userTask id="b"/>
      <parallelGateway id="join"/>
      <userTask id="after"/>
      ${flows('start', 'fork', 'a1', 'merge', 'join', 'after')}
      ${flows('fork', 'a2', 'merge')}
      ${flows('fork', 'b', 'join')}`));
    const id = await h.start('perFlow');

    // when both tokens of the merged branch arrive
    await h.complete(id, 'a1');
    await h.complete(id, 'a2');

    // then the join still waits for b
    expect(h.activeElements(id)).toEqual(['b']);

    // when b arrives, the join fires once; the second token on the merged flow waits for a partner
    await h.complete(id, 'b');
    expect(h.activeElements(id)).toEqual(['after']);
    expect(h.path(id).filter((a) => a === 'join')).toHaveLength(1);
    await h.complete(id, 'after');
    expect(h.state(id)).toBe('ACTIVE');
  });

  it('in a loop, each round of the join waits for its own tokens', async () => {
    // given fork -> (a, b) -> join -> "again?" -> back to the fork
    const h = new EngineHarness();
    await h.deploy(bpmn('rounds', `
      <startEvent id="start"/>
      <exclusiveGateway id="loopIn"/>
      <parallelGateway id="fork"/>
      <userTask id="a"/>
      <userTask id="b"/>
      <parallelGateway id="join"/>
      <exclusiveGateway id="again" default="done"/>
      <endEvent id="end"/>
      ${flows('start', 'loopIn', 'fork', 'a', 'join', 'again')}
      ${flows('fork', 'b', 'join')}
      <sequenceFlow id="repeat" sourceRef="again" targetRef="loopIn">${condition('${repeat}')}</sequenceFlow>
      <sequenceFlow id="done" sourceRef="again" targetRef="end"/>`));
    const id = await h.start('rounds', { repeat: true });

    // round 1: both branches complete, the join fires and the loop forks again
    await h.complete(id, 'a');
    await h.complete(id, 'b');
    expect(h.activeElements(id)).toEqual(['a', 'b']);

    // round 2: a alone does not fire the join (round 1's arrivals were consumed)
    await h.complete(id, 'a', { repeat: false });
    expect(h.activeElements(id)).toEqual(['b']);
    await h.complete(id, 'b');

    expect(h.state(id)).toBe('COMPLETED');
    expect(h.path(id).filter((x) => x === 'join')).toHaveLength(2);
  });

  it('without a join, each branch ends on its own and the instance completes after the last', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('noJoin', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <userTask id="a"/><endEvent id="endA"/>
      <userTask id="b"/><endEvent id="endB"/>
      ${flows('start', 'fork', 'a', 'endA')}
      ${flows('fork', 'b', 'endB')}`));
    const id = await h.start('noJoin');
    await h.complete(id, 'b');
    expect(h.state(id)).toBe('ACTIVE');
    await h.complete(id, 'a');
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.historicInstance(id)?.endActivityId).toBe('endA');
  });

  it('joins tokens that one fork sends straight into it (regression: the second arrival lost the first)', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('straight', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <parallelGateway id="join"/>
      <userTask id="after"/>
      ${flows('start', 'fork')}
      <sequenceFlow id="left" sourceRef="fork" targetRef="join"/>
      <sequenceFlow id="right" sourceRef="fork" targetRef="join"/>
      ${flows('join', 'after')}`));
    const id = await h.start('straight');
    expect(h.activeElements(id)).toEqual(['after']);
  });
});
