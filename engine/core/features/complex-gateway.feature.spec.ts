import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';

const condition = (expression: string) => `<conditionExpression xsi:type="tFormalExpression">${expression}</conditionExpression>`;

/**
 * A discount request goes to three approvers at once; two approvals are enough to send the quote
 * (the complex gateway's activation condition), the third approval is taken in without a second quote.
 * The gateway also splits: a big discount notifies the manager besides sending the quote.
 */
const discount = bpmn('discount', `
  <startEvent id="start"/>
  <parallelGateway id="ask"/>
  <userTask id="salesLead"/>
  <userTask id="finance"/>
  <userTask id="director"/>
  <complexGateway id="enoughApprovals" default="quoteFlow">
    <activationCondition xsi:type="tFormalExpression">\${activationCount >= approvalsNeeded}</activationCondition>
  </complexGateway>
  <userTask id="sendQuote"/>
  <userTask id="notifyManager"/>
  ${flows('start', 'ask', 'salesLead', 'enoughApprovals')}
  ${flows('ask', 'finance', 'enoughApprovals')}
  ${flows('ask', 'director', 'enoughApprovals')}
  <sequenceFlow id="quoteFlow" sourceRef="enoughApprovals" targetRef="sendQuote"/>
  <sequenceFlow id="bigDiscount" sourceRef="enoughApprovals" targetRef="notifyManager">${condition('${percent > 20}')}</sequenceFlow>`);

async function started(variables: Record<string, unknown>) {
  const h = new EngineHarness();
  await h.deploy(discount);
  const id = await h.start('discount', variables);
  return { h, id };
}

describe('feature: complex gateway (BPMN 2.0 13.4.5)', () => {
  it('deploys (Camunda 7 refuses complex gateways)', async () => {
    const h = new EngineHarness();
    await expect(h.deploy(discount)).resolves.toBeUndefined();
  });

  it('given two of three approvals are needed, when two arrive, the quote goes out while the third is still open', async () => {
    const { h, id } = await started({ approvalsNeeded: 2, percent: 10 });
    await h.complete(id, 'finance');
    expect(h.activeElements(id)).toEqual(['director', 'salesLead']);

    await h.complete(id, 'director');
    expect(h.activeElements(id)).toEqual(['salesLead', 'sendQuote']);
  });

  it('when the third approval arrives later, it is taken in without a second quote', async () => {
    const { h, id } = await started({ approvalsNeeded: 2, percent: 10 });
    await h.complete(id, 'finance');
    await h.complete(id, 'director');
    await h.complete(id, 'salesLead');
    expect(h.activeElements(id)).toEqual(['sendQuote']);
    expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['sendQuote']);

    await h.complete(id, 'sendQuote');
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('splits like an inclusive gateway when it fires: every flow whose condition holds, the default only if none', async () => {
    const { h, id } = await started({ approvalsNeeded: 1, percent: 30 });
    await h.complete(id, 'finance');
    expect(h.activeElements(id)).toEqual(['director', 'notifyManager', 'salesLead']);
  });

  it('records one activity instance of type complexGateway per firing in history', async () => {
    const { h, id } = await started({ approvalsNeeded: 2, percent: 10 });
    await h.complete(id, 'finance');
    await h.complete(id, 'director');
    await h.complete(id, 'salesLead');
    const firings = h.activities(id).filter((a) => a.activityId === 'enoughApprovals');
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ activityType: 'complexGateway' });
    expect(firings[0]!.endTime).toBeTruthy();
  });
});
