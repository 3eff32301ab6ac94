import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

const condition = (expression: string) => `<conditionExpression xsi:type="tFormalExpression">${expression}</conditionExpression>`;

/** follow-ups after a trade fair: email and/or call, else a newsletter; joined before closing */
const followUps = bpmn('followUp', `
  <startEvent id="start"/>
  <inclusiveGateway id="split" default="toNewsletter"/>
  <userTask id="sendEmail"/>
  <userTask id="call"/>
  <userTask id="newsletter"/>
  <inclusiveGateway id="join"/>
  <userTask id="close"/>
  ${flows('start', 'split')}
  <sequenceFlow id="toEmail" sourceRef="split" targetRef="sendEmail">${condition('${hasEmail}')}</sequenceFlow>
  <sequenceFlow id="toCall" sourceRef="split" targetRef="call">${condition('${hasPhone}')}</sequenceFlow>
  <sequenceFlow id="toNewsletter" sourceRef="split" targetRef="newsletter"/>
  ${flows('sendEmail', 'join', 'close')}
  ${flows('call', 'join')}
  ${flows('newsletter', 'join')}`);

async function started(variables: Record<string, unknown>) {
  const h = new EngineHarness();
  await h.deploy(followUps);
  const id = await h.start('followUp', variables);
  return { h, id };
}

describe('inclusive gateway', () => {
  describe('split', () => {
    it('takes every flow whose condition holds', async () => {
      const { h, id } = await started({ hasEmail: true, hasPhone: true });
      expect(h.activeElements(id)).toEqual(['call', 'sendEmail']);
    });

    it('takes only the flows whose condition holds', async () => {
      const { h, id } = await started({ hasEmail: false, hasPhone: true });
      expect(h.activeElements(id)).toEqual(['call']);
    });

    it('takes the default flow when no condition holds', async () => {
      const { h, id } = await started({ hasEmail: false, hasPhone: false });
      expect(h.activeElements(id)).toEqual(['newsletter']);
    });

    it('fails when no condition holds and there is no default flow', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('strict', `
        <startEvent id="start"/>
        <inclusiveGateway id="split"/>
        <endEvent id="a"/>
        ${flows('start', 'split')}
        <sequenceFlow id="toA" sourceRef="split" targetRef="a">${condition('${false}')}</sequenceFlow>`));
      await expect(h.start('strict')).rejects.toThrow(/No outgoing sequence flow of inclusive gateway 'split' could be selected/);
    });
  });

  describe('join', () => {
    it('waits only for the branches that were activated', async () => {
      // given both email and call were chosen
      const { h, id } = await started({ hasEmail: true, hasPhone: true });

      // when the email is sent, the join waits for the call
      await h.complete(id, 'sendEmail');
      expect(h.activeElements(id)).toEqual(['call']);

      // when the call is done, the join fires once
      await h.complete(id, 'call');
      expect(h.activeElements(id)).toEqual(['close']);
      expect(h.path(id).filter((a) => a === 'join')).toHaveLength(1);
    });

    it('fires at once for a single activated branch', async () => {
      const { h, id } = await started({ hasEmail: false, hasPhone: true });
      await h.complete(id, 'call');
      expect(h.activeElements(id)).toEqual(['close']);
      expect(h.path(id)).toEqual(['start', 'split', 'call', 'join', 'close']);
    });

    it('still fires when another activated branch ends at an end event before reaching it', async () => {
      // given a split into "quote" and "check", where check may end the branch early
      const h = new EngineHarness();
      await h.deploy(bpmn('earlyEnd', `
        <startEvent id="start"/>
        <inclusiveGateway id="split"/>
        <userTask id="quote"/>
        <userTask id="check"/>
        <exclusiveGateway id="relevant" default="irrelevant"/>
        <endEvent id="dropped"/>
        <inclusiveGateway id="join"/>
        <userTask id="send"/>
        ${flows('start', 'split', 'quote', 'join', 'send')}
        ${flows('split', 'check', 'relevant')}
        <sequenceFlow id="relevantFlow" sourceRef="relevant" targetRef="join">${condition('${keep}')}</sequenceFlow>
        <sequenceFlow id="irrelevant" sourceRef="relevant" targetRef="dropped"/>`));
      const id = await h.start('earlyEnd', { keep: false });

      // when the quote arrives at the join first, it waits: check could still reach the join
      await h.complete(id, 'quote');
      expect(h.activeElements(id)).toEqual(['check']);

      // when the check branch ends at its end event, the join fires
      await h.complete(id, 'check');
      expect(h.activeElements(id)).toEqual(['send']);
      expect(h.path(id)).toEqual(expect.arrayContaining(['dropped', 'join', 'send']));
      expect(h.path(id).filter((a) => a === 'join')).toHaveLength(1);
    });

    it('fires when the early-ending branch finished before the other arrives', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('earlyEnd2', `
        <startEvent id="start"/>
        <inclusiveGateway id="split"/>
        <userTask id="quote"/>
        <task id="check"/>
        <endEvent id="dropped"/>
        <inclusiveGateway id="join"/>
        <userTask id="send"/>
        <task id="other"/>
        ${flows('start', 'split', 'quote', 'join', 'send')}
        ${flows('split', 'check', 'dropped')}
        ${flows('split', 'other', 'join')}`));
      const id = await h.start('earlyEnd2');
      // "other" arrived and "check" already ended: only "quote" can still arrive
      expect(h.activeElements(id)).toEqual(['quote']);
      await h.complete(id, 'quote');
      expect(h.activeElements(id)).toEqual(['send']);
      expect(h.path(id).filter((a) => a === 'join')).toHaveLength(1);
    });

    it('waits for a token that is still upstream of an unconditional branch', async () => {
      // given a parallel fork where one branch first waits in a task, then goes through the split
      const h = new EngineHarness();
      await h.deploy(bpmn('upstream', `
        <startEvent id="start"/>
        <parallelGateway id="fork"/>
        <userTask id="slow"/>
        <task id="fast"/>
        <inclusiveGateway id="join"/>
        <userTask id="after"/>
        ${flows('start', 'fork', 'slow', 'join', 'after')}
        ${flows('fork', 'fast', 'join')}`));
      const id = await h.start('upstream');
      expect(h.activeElements(id)).toEqual(['slow']);
      await h.complete(id, 'slow');
      expect(h.activeElements(id)).toEqual(['after']);
    });
  });
});
