import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';

const roots = `<signal id="s" name="productRecalled"/>`;

const affectedOrder = bpmn('order', `
  <startEvent id="start"/>
  <intermediateCatchEvent id="recall"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>
  <userTask id="contactCustomer"/>
  ${flows('start', 'recall', 'contactCustomer')}`, roots);

const recallCampaign = bpmn('recallCampaign', `
  <startEvent id="recalled"><signalEventDefinition signalRef="s"/></startEvent>
  <userTask id="planCampaign"/>
  ${flows('recalled', 'planCampaign')}`, roots);

describe('feature: signals', () => {
  it('a broadcast reaches the intermediate catch events of every waiting instance, with its variables', async () => {
    const h = new EngineHarness();
    await h.deploy(affectedOrder);
    const ids = [await h.start('order'), await h.start('order'), await h.start('order')];

    const delivered = await h.engine.signal('productRecalled', typed({ productId: 'P-9' }));

    expect(delivered).toBe(3);
    for (const id of ids) {
      expect(h.activeElements(id)).toEqual(['contactCustomer']);
      expect(h.variable(id, 'productId')).toBe('P-9');
    }
    expect(h.store.subscriptions.size).toBe(0);
  });

  it('a broadcast with no catcher delivers to nobody and is not an error', async () => {
    const h = new EngineHarness();
    await h.deploy(affectedOrder);
    expect(await h.engine.signal('productRecalled', new Map())).toBe(0);
  });

  it('a signal start event starts an instance per broadcast, next to the waiting instances', async () => {
    const h = new EngineHarness();
    await h.deploy(affectedOrder, recallCampaign);
    const waiting = await h.start('order');

    expect(await h.engine.signal('productRecalled', typed({ productId: 'P-1' }))).toBe(2);
    expect(await h.engine.signal('productRecalled', typed({ productId: 'P-2' }))).toBe(1);

    const campaigns = h.tasks().filter((t) => t.definitionKey === 'recallCampaign');
    expect(campaigns.map((t) => h.variable(t.processInstanceId, 'productId')).sort()).toEqual(['P-1', 'P-2']);
    expect(h.activeElements(waiting)).toEqual(['contactCustomer']);
  });

  it('a signal end event of one process reaches the others', async () => {
    const h = new EngineHarness();
    await h.deploy(affectedOrder, recallCampaign, bpmn('qualityCheck', `
      <startEvent id="start"/>
      <endEvent id="recallIssued"><signalEventDefinition signalRef="s"/></endEvent>
      ${flows('start', 'recallIssued')}`, roots));
    const waiting = await h.start('order');

    const check = await h.start('qualityCheck');

    expect(h.state(check)).toBe('COMPLETED');
    expect(h.activeElements(waiting)).toEqual(['contactCustomer']);
    expect(h.tasks().filter((t) => t.definitionKey === 'recallCampaign')).toHaveLength(1);
  });

  it('a redeployment replaces the signal start event of the previous version', async () => {
    const h = new EngineHarness();
    await h.deploy(recallCampaign);
    await h.deploy(recallCampaign);
    expect(await h.engine.signal('productRecalled', new Map())).toBe(1);
    const [task] = h.tasks();
    expect(h.historicInstance(task!.processInstanceId)?.definitionVersion).toBe(2);
  });
});
