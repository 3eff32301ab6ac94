import { ParseError } from '../errors/index.js';
import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { compensable } from '../../testing/compensation-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';

/** an event's reference to an event definition declared at the root of the definitions */
const ref = (definitionId: string) => `<eventDefinitionRef>${definitionId}</eventDefinitionRef>`;

async function deployed(...models: string[]): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(...models);
  return h;
}

const messageRoots = `<message id="m" name="documentsReceived"/><messageEventDefinition id="documentsArrive" messageRef="m"/>`;
const signalRoots = `<signal id="s" name="productRecalled"/><signalEventDefinition id="recall" signalRef="s"/>`;
const errorRoots = `<error id="e" errorCode="OUT_OF_STOCK"/><errorEventDefinition id="outOfStock" errorRef="e"/>`;
const escalationRoots = `<escalation id="esc" escalationCode="LATE"/><escalationEventDefinition id="late" escalationRef="esc"/>`;

describe('feature: event definitions declared at the root and referenced with eventDefinitionRef', () => {
  it('message: a referenced definition on an intermediate catch event and on a start event waits for and starts on the message', async () => {
    const h = await deployed(
      bpmn('application', `
        <startEvent id="start"/>
        <intermediateCatchEvent id="docs">${ref('documentsArrive')}</intermediateCatchEvent>
        <userTask id="check"/>
        ${flows('start', 'docs', 'check')}`, messageRoots),
      bpmn('inbound', `
        <startEvent id="byMail">${ref('documentsArrive')}</startEvent>
        <userTask id="sort"/>
        ${flows('byMail', 'sort')}`, messageRoots),
    );
    const waiting = await h.start('application', {}, 'app-1');
    expect(h.activeElements(waiting)).toEqual(['docs']);

    await h.engine.correlateMessage({ messageName: 'documentsReceived', businessKey: 'app-1', processVariables: new Map(), processVariablesLocal: new Map(), all: false });
    expect(h.activeElements(waiting)).toEqual(['check']);

    await h.engine.correlateMessage({ messageName: 'documentsReceived', processVariables: new Map(), processVariablesLocal: new Map(), all: false });
    expect(h.tasks().map((t) => t.taskDefinitionKey).sort()).toEqual(['check', 'sort']);
  });

  it('signal: one referenced definition serves the throwing end event and the catching boundary event', async () => {
    const h = await deployed(
      bpmn('order', `
        <startEvent id="start"/>
        <userTask id="ship"/>
        <boundaryEvent id="recalled" attachedToRef="ship">${ref('recall')}</boundaryEvent>
        <userTask id="contactCustomer"/>
        ${flows('start', 'ship')}
        ${flows('recalled', 'contactCustomer')}`, signalRoots),
      bpmn('qualityCheck', `
        <startEvent id="start"/>
        <endEvent id="recallIssued">${ref('recall')}</endEvent>
        ${flows('start', 'recallIssued')}`, signalRoots),
    );
    const order = await h.start('order', { productId: 'P-1' });

    await h.start('qualityCheck');

    expect(h.activeElements(order)).toEqual(['contactCustomer']);
    expect(await h.engine.signal('productRecalled', typed({}))).toBe(0);
  });

  it('timer: a referenced timer definition on a boundary event fires when it is due', async () => {
    const h = await deployed(bpmn('followUp', `
      <startEvent id="start"/>
      <userTask id="call"/>
      <boundaryEvent id="overdue" attachedToRef="call">${ref('afterTwoDays')}</boundaryEvent>
      <userTask id="escalate"/>
      ${flows('start', 'call')}
      ${flows('overdue', 'escalate')}`, `<timerEventDefinition id="afterTwoDays"><timeDuration>P2D</timeDuration></timerEventDefinition>`));
    const id = await h.start('followUp');

    await h.advance(47 * 3600_000);
    expect(h.activeElements(id)).toEqual(['call']);
    await h.advance(3600_000);
    expect(h.activeElements(id)).toEqual(['escalate']);
  });

  it('error: a referenced definition on the error end event and on the boundary event that catches it', async () => {
    const h = await deployed(bpmn('order', `
      <startEvent id="start"/>
      <subProcess id="fulfil">
        <startEvent id="fulfilStart"/>
        <endEvent id="noStock">${ref('outOfStock')}</endEvent>
        ${flows('fulfilStart', 'noStock')}
      </subProcess>
      <boundaryEvent id="whenOutOfStock" attachedToRef="fulfil">${ref('outOfStock')}</boundaryEvent>
      <userTask id="informCustomer"/>
      <endEvent id="done"/>
      ${flows('start', 'fulfil', 'done')}
      ${flows('whenOutOfStock', 'informCustomer')}`, errorRoots));
    const id = await h.start('order');

    expect(h.activeElements(id)).toEqual(['informCustomer']);
    expect(h.path(id)).not.toContain('done');
  });

  it('escalation: a referenced definition on the throw event and on a non-interrupting boundary event', async () => {
    const h = await deployed(bpmn('claim', `
      <startEvent id="start"/>
      <subProcess id="handle">
        <startEvent id="handleStart"/>
        <intermediateThrowEvent id="raiseLate">${ref('late')}</intermediateThrowEvent>
        <userTask id="work"/>
        ${flows('handleStart', 'raiseLate', 'work')}
      </subProcess>
      <boundaryEvent id="whenLate" attachedToRef="handle" cancelActivity="false">${ref('late')}</boundaryEvent>
      <userTask id="informManager"/>
      ${flows('start', 'handle')}
      ${flows('whenLate', 'informManager')}`, escalationRoots));
    const id = await h.start('claim');

    expect(h.activeElements(id)).toEqual(['handle', 'informManager', 'work']);
  });

  it('conditional, link and terminate: referenced definitions behave as inline ones', async () => {
    const h = await deployed(bpmn('approval', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="untilApproved">${ref('approved')}</intermediateCatchEvent>
      <intermediateThrowEvent id="jump">${ref('toEnd')}</intermediateThrowEvent>
      <intermediateCatchEvent id="landing">${ref('toEnd')}</intermediateCatchEvent>
      <endEvent id="stop">${ref('terminate')}</endEvent>
      <userTask id="parallelWork"/>
      <parallelGateway id="fork"/>
      ${flows('start', 'fork', 'untilApproved', 'jump')}
      ${flows('landing', 'stop')}
      ${flows('fork', 'parallelWork')}`, `
      <conditionalEventDefinition id="approved"><condition xsi:type="tFormalExpression">\${approved}</condition></conditionalEventDefinition>
      <linkEventDefinition id="toEnd" name="toEnd"/>
      <terminateEventDefinition id="terminate"/>`));
    const id = await h.start('approval', { approved: false });
    expect(h.activeElements(id)).toEqual(['parallelWork', 'untilApproved']);

    await h.engine.modifyVariables(id, typed({ approved: true }))
    await h.runDueJobs();

    expect(h.path(id)).toEqual(expect.arrayContaining(['jump', 'landing', 'stop']));
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('compensate: a referenced definition on a throw event compensates the scope', async () => {
    const h = await deployed(bpmn('trip', `
      <startEvent id="start"/>
      ${compensable('bookHotel')}
      <intermediateThrowEvent id="compensate">${ref('undoAll')}</intermediateThrowEvent>
      <userTask id="after"/>
      ${flows('start', 'bookHotel', 'compensate', 'after')}`, `<compensateEventDefinition id="undoAll"/>`));
    const id = await h.start('trip');

    expect(h.path(id)).toContain('undo_bookHotel');
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('refuses a reference to no element, naming the event', async () => {
    const h = new EngineHarness();
    const deploying = h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="waitForDocs">${ref('missingDefinition')}</intermediateCatchEvent>
      ${flows('start', 'waitForDocs')}`));

    await expect(deploying).rejects.toThrow(ParseError);
    await expect(deploying).rejects.toThrow(/element 'waitForDocs': .*'missingDefinition' does not exist/);
  });

  it('refuses a reference to an element that is not an event definition, naming the event and what it names', async () => {
    const h = new EngineHarness();
    const deploying = h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="waitForDocs">${ref('m')}</intermediateCatchEvent>
      ${flows('start', 'waitForDocs')}`, messageRoots));

    await expect(deploying).rejects.toThrow(ParseError);
    await expect(deploying).rejects.toThrow("element 'waitForDocs': Expected eventDefinitionRef to name an event definition declared at the root of the definitions (BPMN 2.0 section 10.4.5), but 'm' is a Message");
  });
});
