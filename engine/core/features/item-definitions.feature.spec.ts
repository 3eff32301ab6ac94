import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';

/** payload types declared as item definitions: documentation for readers of the model, not checked at run time */
const typedPayloads = `
  <itemDefinition id="orderItem" structureRef="crm:Order" itemKind="Information"/>
  <itemDefinition id="recallItem" structureRef="crm:Recall" isCollection="false"/>
  <message id="orderPlaced" name="orderPlaced" itemRef="orderItem"/>
  <signal id="recall" name="productRecalled" structureRef="recallItem"/>`;

describe('feature: messages and signals that name their payload type (itemRef, structureRef)', () => {
  it('are accepted at deploy and run like untyped ones: the payload is whatever variables come along', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('fulfilment', `
      <startEvent id="placed"><messageEventDefinition messageRef="orderPlaced"/></startEvent>
      <userTask id="ship"/>
      <boundaryEvent id="recalled" attachedToRef="ship"><signalEventDefinition signalRef="recall"/></boundaryEvent>
      <userTask id="contactCustomer"/>
      ${flows('placed', 'ship')}
      ${flows('recalled', 'contactCustomer')}`, typedPayloads));

    const started = await h.engine.correlateMessage({
      messageName: 'orderPlaced', processVariables: typed({ amount: 'not an Order at all' }), processVariablesLocal: new Map(), all: false,
    });
    const id = started[0]!.instance.id;
    expect(h.activeElements(id)).toEqual(['ship']);
    expect(h.variable(id, 'amount')).toBe('not an Order at all');

    expect(await h.engine.signal('productRecalled', typed({ batch: 7 }))).toBe(1);
    expect(h.activeElements(id)).toEqual(['contactCustomer']);
    expect(h.variable(id, 'batch')).toBe(7);
  });

  it('a reference to an item definition that does not exist is refused at deploy, naming it', async () => {
    const h = new EngineHarness();
    const model = bpmn('fulfilment', `
      <startEvent id="placed"><messageEventDefinition messageRef="orderPlaced"/></startEvent>
      <endEvent id="done"/>
      ${flows('placed', 'done')}`, `<message id="orderPlaced" name="orderPlaced" itemRef="missingItem"/>`);
    await expect(h.deploy(model)).rejects.toThrow(/missingItem/);
  });
});
