import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';

const condition = (expression: string) => `<conditionExpression xsi:type="tFormalExpression">${expression}</conditionExpression>`;
const conditional = (id: string, source: string, target: string, expression: string) =>
  `<sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${condition(expression)}</sequenceFlow>`;

async function started(xml: string, key: string, variables: Record<string, unknown> = {}) {
  const h = new EngineHarness();
  await h.deploy(xml);
  const id = await h.start(key, variables);
  return { h, id };
}

describe('feature: sequence flow semantics (BPMN 2.0)', () => {
  describe('conditions on flows leaving a parallel gateway', () => {
    const fork = bpmn('parallelConditions', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <userTask id="contract"/>
      <userTask id="account"/>
      ${flows('start', 'fork')}
      ${conditional('toContract', 'fork', 'contract', '${false}')}
      <sequenceFlow id="toAccount" sourceRef="fork" targetRef="account"/>`);

    it('are accepted at deployment', async () => {
      const h = new EngineHarness();
      await expect(h.deploy(fork)).resolves.toBeUndefined();
    });

    it('are ignored: every outgoing flow is taken, even one whose condition is false', async () => {
      const { h, id } = await started(fork, 'parallelConditions');
      expect(h.activeElements(id)).toEqual(['account', 'contract']);
    });

    it('are not evaluated: a condition that could not be evaluated does not fail the fork', async () => {
      const { h, id } = await started(fork.replace('${false}', '${missing.property > 1}'), 'parallelConditions');
      expect(h.activeElements(id)).toEqual(['account', 'contract']);
    });
  });

  describe('the default flow of an activity', () => {
    /** after qualifying a lead: always log it (A), escalate big deals (B), else nurture (C, default) */
    const qualify = bpmn('activityDefault', `
      <startEvent id="start"/>
      <task id="qualify" default="nurtureFlow"/>
      <userTask id="logLead"/>
      <userTask id="escalate"/>
      <userTask id="nurture"/>
      ${flows('start', 'qualify')}
      <sequenceFlow id="logFlow" sourceRef="qualify" targetRef="logLead"/>
      ${conditional('escalateFlow', 'qualify', 'escalate', '${amount > 1000}')}
      <sequenceFlow id="nurtureFlow" sourceRef="qualify" targetRef="nurture"/>`);

    it('is taken beside an unconditional flow when no conditional flow holds', async () => {
      const { h, id } = await started(qualify, 'activityDefault', { amount: 10 });
      expect(h.activeElements(id)).toEqual(['logLead', 'nurture']);
    });

    it('is not taken when a conditional flow holds; the unconditional flow still is', async () => {
      const { h, id } = await started(qualify, 'activityDefault', { amount: 5000 });
      expect(h.activeElements(id)).toEqual(['escalate', 'logLead']);
    });

    it('is taken beside unconditional flows when the activity has no conditional flow', async () => {
      const { h, id } = await started(bpmn('onlyUnconditional', `
        <startEvent id="start"/>
        <task id="qualify" default="nurtureFlow"/>
        <userTask id="logLead"/>
        <userTask id="nurture"/>
        ${flows('start', 'qualify')}
        <sequenceFlow id="logFlow" sourceRef="qualify" targetRef="logLead"/>
        <sequenceFlow id="nurtureFlow" sourceRef="qualify" targetRef="nurture"/>`), 'onlyUnconditional');
      expect(h.activeElements(id)).toEqual(['logLead', 'nurture']);
    });

    it('applies to a user task left by completion as well', async () => {
      const { h, id } = await started(bpmn('userTaskDefault', `
        <startEvent id="start"/>
        <userTask id="review" default="otherwise"/>
        <userTask id="archive"/>
        <userTask id="approve"/>
        <userTask id="rework"/>
        ${flows('start', 'review')}
        <sequenceFlow id="always" sourceRef="review" targetRef="archive"/>
        ${conditional('approved', 'review', 'approve', '${ok}')}
        <sequenceFlow id="otherwise" sourceRef="review" targetRef="rework"/>`), 'userTaskDefault');
      await h.complete(id, 'review', { ok: false });
      expect(h.activeElements(id)).toEqual(['archive', 'rework']);
    });
  });

  describe('gateways keep their own semantics', () => {
    it('an exclusive gateway takes its unconditional flow first and never the default beside it', async () => {
      const { h, id } = await started(bpmn('exclusiveUnconditional', `
        <startEvent id="start"/>
        <exclusiveGateway id="choose" default="fallback"/>
        <userTask id="a"/>
        <userTask id="b"/>
        ${flows('start', 'choose')}
        <sequenceFlow id="plain" sourceRef="choose" targetRef="a"/>
        <sequenceFlow id="fallback" sourceRef="choose" targetRef="b"/>`), 'exclusiveUnconditional');
      expect(h.activeElements(id)).toEqual(['a']);
    });

    it('an inclusive gateway counts an unconditional flow as taken, so the default is not taken beside it', async () => {
      const { h, id } = await started(bpmn('inclusiveUnconditional', `
        <startEvent id="start"/>
        <inclusiveGateway id="split" default="fallback"/>
        <userTask id="a"/>
        <userTask id="b"/>
        <userTask id="c"/>
        ${flows('start', 'split')}
        <sequenceFlow id="plain" sourceRef="split" targetRef="a"/>
        ${conditional('cond', 'split', 'b', '${false}')}
        <sequenceFlow id="fallback" sourceRef="split" targetRef="c"/>`), 'inclusiveUnconditional');
      expect(h.activeElements(id)).toEqual(['a']);
    });
  });
});
