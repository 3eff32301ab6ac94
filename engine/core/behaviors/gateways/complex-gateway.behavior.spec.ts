import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

const condition = (expression: string) => `<conditionExpression xsi:type="tFormalExpression">${expression}</conditionExpression>`;
const activation = (expression: string) => `<activationCondition xsi:type="tFormalExpression">${expression}</activationCondition>`;

/** three reviews of a quote; the join continues as its activation condition says */
const reviews = (joinContent: string) => bpmn('reviews', `
  <startEvent id="start"/>
  <parallelGateway id="fork"/>
  <userTask id="sales"/>
  <userTask id="finance"/>
  <userTask id="legal"/>
  <complexGateway id="join">${joinContent}</complexGateway>
  <userTask id="send"/>
  ${flows('start', 'fork', 'sales', 'join', 'send')}
  ${flows('fork', 'finance', 'join')}
  ${flows('fork', 'legal', 'join')}`);

async function started(xml: string, key: string, variables: Record<string, unknown> = {}) {
  const h = new EngineHarness();
  await h.deploy(xml);
  const id = await h.start(key, variables);
  return { h, id };
}

const passes = (h: EngineHarness, id: string, element: string) => h.path(id).filter((a) => a === element).length;

describe('complex gateway', () => {
  describe('split', () => {
    const split = bpmn('complexSplit', `
      <startEvent id="start"/>
      <complexGateway id="split" default="toNewsletter"/>
      <userTask id="email"/>
      <userTask id="call"/>
      <userTask id="newsletter"/>
      ${flows('start', 'split')}
      <sequenceFlow id="toEmail" sourceRef="split" targetRef="email">${condition('${hasEmail}')}</sequenceFlow>
      <sequenceFlow id="toCall" sourceRef="split" targetRef="call">${condition('${hasPhone}')}</sequenceFlow>
      <sequenceFlow id="toNewsletter" sourceRef="split" targetRef="newsletter"/>`);

    it('takes every flow whose condition holds', async () => {
      const { h, id } = await started(split, 'complexSplit', { hasEmail: true, hasPhone: true });
      expect(h.activeElements(id)).toEqual(['call', 'email']);
    });

    it('takes the default flow when no condition holds', async () => {
      const { h, id } = await started(split, 'complexSplit', { hasEmail: false, hasPhone: false });
      expect(h.activeElements(id)).toEqual(['newsletter']);
    });

    it('fails naming the gateway when no condition holds and there is no default flow', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('strict', `
        <startEvent id="start"/>
        <complexGateway id="split"/>
        <endEvent id="a"/>
        ${flows('start', 'split')}
        <sequenceFlow id="toA" sourceRef="split" targetRef="a">${condition('${false}')}</sequenceFlow>`));
      await expect(h.start('strict')).rejects.toThrow(/No outgoing sequence flow of complex gateway 'split' could be selected/);
    });
  });

  describe('join without an activation condition', () => {
    it('waits, like an inclusive join, for every token that can still arrive', async () => {
      const { h, id } = await started(reviews(''), 'reviews');
      await h.complete(id, 'sales');
      await h.complete(id, 'finance');
      expect(h.activeElements(id)).toEqual(['legal']);

      await h.complete(id, 'legal');
      expect(h.activeElements(id)).toEqual(['send']);
      expect(passes(h, id, 'join')).toBe(1);
    });
  });

  describe('join with an activation condition', () => {
    const twoOfThree = reviews(activation('${activationCount >= 2}'));

    it('waits for a start while the condition does not hold', async () => {
      const { h, id } = await started(twoOfThree, 'reviews');
      await h.complete(id, 'sales');
      expect(h.activeElements(id)).toEqual(['finance', 'legal']);
      expect(passes(h, id, 'join')).toBe(0);
    });

    it('fires as soon as the condition holds, before the last token arrives', async () => {
      const { h, id } = await started(twoOfThree, 'reviews');
      await h.complete(id, 'sales');
      await h.complete(id, 'finance');
      expect(h.activeElements(id)).toEqual(['legal', 'send']);
      expect(passes(h, id, 'join')).toBe(1);
    });

    it('consumes the late token in its reset state without firing again', async () => {
      const { h, id } = await started(twoOfThree, 'reviews');
      await h.complete(id, 'sales');
      await h.complete(id, 'finance');
      await h.complete(id, 'legal');
      expect(h.activeElements(id)).toEqual(['send']);
      expect(passes(h, id, 'join')).toBe(1);

      await h.complete(id, 'send');
      expect(h.state(id)).toBe('COMPLETED');
    });

    it('reads process variables beside activationCount', async () => {
      const { h, id } = await started(reviews(activation('${activationCount >= needed}')), 'reviews', { needed: 1 });
      await h.complete(id, 'legal');
      expect(h.activeElements(id)).toEqual(['finance', 'sales', 'send']);
    });

    it('fails naming the gateway when the condition cannot be evaluated to a boolean', async () => {
      const { h, id } = await started(reviews(activation('${activationCount}')), 'reviews');
      await expect(h.complete(id, 'sales')).rejects.toThrow(/activation condition of complex gateway 'join'/);
    });

    it('leaves its reset state when an expected token can no longer arrive', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('dropOut', `
        <startEvent id="start"/>
        <parallelGateway id="fork"/>
        <userTask id="sales"/>
        <userTask id="finance"/>
        <userTask id="legal"/>
        <exclusiveGateway id="legalRelevant" default="legalDone"/>
        <endEvent id="legalDropped"/>
        <complexGateway id="join">${activation('${activationCount >= 2}')}</complexGateway>
        <userTask id="send"/>
        ${flows('start', 'fork', 'sales', 'join', 'send')}
        ${flows('fork', 'finance', 'join')}
        ${flows('fork', 'legal', 'legalRelevant')}
        <sequenceFlow id="legalToJoin" sourceRef="legalRelevant" targetRef="join">${condition('${relevant}')}</sequenceFlow>
        <sequenceFlow id="legalDone" sourceRef="legalRelevant" targetRef="legalDropped"/>`));
      const id = await h.start('dropOut', { relevant: false });
      await h.complete(id, 'sales');
      await h.complete(id, 'finance');
      await h.complete(id, 'legal');
      expect(h.activeElements(id)).toEqual(['send']);
      expect(h.store.elements.get(id)).toBeDefined();
      expect(h.store.elements.get(id)?.data.complexResets ?? {}).toEqual({});

      await h.complete(id, 'send');
      expect(h.state(id)).toBe('COMPLETED');
    });

    it('waits for a start again after its reset: each round of a loop fires it once', async () => {
      // given a loop whose three reviews run again after each send
      const h = new EngineHarness();
      await h.deploy(bpmn('rounds', `
        <startEvent id="start"/>
        <exclusiveGateway id="again"/>
        <parallelGateway id="fork"/>
        <userTask id="sales"/>
        <userTask id="finance"/>
        <userTask id="legal"/>
        <complexGateway id="join">${activation('${activationCount >= 2}')}</complexGateway>
        <userTask id="send"/>
        ${flows('start', 'again', 'fork', 'sales', 'join', 'send', 'again')}
        ${flows('fork', 'finance', 'join')}
        ${flows('fork', 'legal', 'join')}`));
      const id = await h.start('rounds');

      // when round one's three reviews are done, the join fired once
      await h.complete(id, 'sales');
      await h.complete(id, 'finance');
      await h.complete(id, 'legal');
      expect(passes(h, id, 'join')).toBe(1);

      // when round two's first review arrives, the join waits; with the second, it fires again
      await h.complete(id, 'send');
      await h.complete(id, 'legal');
      expect(passes(h, id, 'join')).toBe(1);
      await h.complete(id, 'finance');
      expect(passes(h, id, 'join')).toBe(2);
      expect(h.activeElements(id)).toEqual(['sales', 'send']);
    });
  });

  describe('deployment', () => {
    it('refuses an activation condition on a gateway that does not join, naming it', async () => {
      const h = new EngineHarness();
      await expect(h.deploy(bpmn('notJoining', `
        <startEvent id="start"/>
        <complexGateway id="split">${activation('${activationCount > 0}')}</complexGateway>
        <endEvent id="end"/>
        ${flows('start', 'split', 'end')}`))).rejects.toThrow(/split.*Expected an activationCondition only on a joining complex gateway/s);
    });
  });
});
