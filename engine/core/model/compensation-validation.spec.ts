import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { compensable } from '../../testing/compensation-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';

/** the messages of the issues deploying `body` as process 'p' raises on `elementId` */
async function issuesOn(elementId: string, body: string, roots = ''): Promise<string[]> {
  const h = new EngineHarness();
  const error = await h.deploy(bpmn('p', body, roots)).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  return (error as ParseError).issues.filter((i) => i.elementId === elementId).map((i) => i.message);
}

async function deploys(body: string): Promise<void> {
  await new EngineHarness().deploy(bpmn('p', body));
}

const transaction = (inner: string, boundaries = `<boundaryEvent id="cancelled" attachedToRef="tx"><cancelEventDefinition/></boundaryEvent>`) => `
  <startEvent id="start"/>
  <transaction id="tx">
    <startEvent id="txStart"/>
    ${inner}
  </transaction>
  ${boundaries}
  <endEvent id="end"/>
  <endEvent id="cancelledEnd"/>
  ${flows('start', 'tx', 'end')}`;

describe('deployment of compensation and cancel events', () => {
  it('accepts compensation boundary events, handlers, throw, end and start events, transactions and cancel events', async () => {
    await expect(deploys(`
      <startEvent id="start"/>
      ${compensable('book')}
      <subProcess id="sub">
        <startEvent id="subStart"/>
        ${compensable('inner')}
        <endEvent id="subEnd"/>
        ${flows('subStart', 'inner', 'subEnd')}
        <subProcess id="onCompensation" triggeredByEvent="true">
          <startEvent id="compensationStart"><compensateEventDefinition/></startEvent>
          <intermediateThrowEvent id="compensateInner"><compensateEventDefinition activityRef="inner"/></intermediateThrowEvent>
          ${flows('compensationStart', 'compensateInner')}
        </subProcess>
      </subProcess>
      <intermediateThrowEvent id="compensateBook"><compensateEventDefinition activityRef="book" waitForCompletion="false"/></intermediateThrowEvent>
      <endEvent id="end"><compensateEventDefinition/></endEvent>
      ${flows('start', 'book', 'sub', 'compensateBook', 'end')}`)).resolves.toBeUndefined();
    await expect(deploys(`${transaction(`<endEvent id="cancelEnd"><cancelEventDefinition/></endEvent>${flows('txStart', 'cancelEnd')}`)}
      ${flows('cancelled', 'cancelledEnd')}`)).resolves.toBeUndefined();
  });

  it('accepts an association from another boundary event to a text annotation (regression: it was taken for a compensation handler)', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <task id="work"/>
      <boundaryEvent id="late" attachedToRef="work"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <endEvent id="end"/>
      <endEvent id="lateEnd"/>
      ${flows('start', 'work', 'end')}
      ${flows('late', 'lateEnd')}
      <textAnnotation id="note"><text>SLA</text></textAnnotation>
      <association id="a" sourceRef="late" targetRef="note"/>`));
    const id = await h.start('p');
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('refuses a compensation boundary event without a handler', async () => {
    expect(await issuesOn('comp', `
      <startEvent id="start"/><task id="book"/><endEvent id="end"/>
      <boundaryEvent id="comp" attachedToRef="book"><compensateEventDefinition/></boundaryEvent>
      ${flows('start', 'book', 'end')}`)).toEqual([expect.stringMatching(/associated with a compensation handler.*but it is associated with none/)]);
  });

  it('refuses a compensation boundary event associated with an activity that is not for compensation', async () => {
    expect(await issuesOn('book_compensation', `
      <startEvent id="start"/><endEvent id="end"/>
      ${compensable('book', `<task id="book"/>`, `<task id="undo"/>`)}
      ${flows('start', 'book', 'end')}`)).toEqual([expect.stringMatching(/isForCompensation="true", but 'undo' is not one/)]);
  });

  it('refuses two compensation boundary events on one activity and an outgoing flow from one', async () => {
    const messages = await issuesOn('second', `
      <startEvent id="start"/><endEvent id="end"/><task id="t"/>
      ${compensable('book')}
      <boundaryEvent id="second" attachedToRef="book"><compensateEventDefinition/></boundaryEvent>
      <association id="a2" sourceRef="second" targetRef="undo_book"/>
      ${flows('start', 'book', 'end')}
      ${flows('second', 't')}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/at most one compensation boundary event on 'book'/),
      expect.stringMatching(/compensation boundary event to have no outgoing sequence flow/),
    ]));
  });

  it('refuses an activityRef outside the scope of the compensation event', async () => {
    expect(await issuesOn('undoInner', `
      <startEvent id="start"/>
      <subProcess id="sub">
        <startEvent id="subStart"/>
        ${compensable('inner')}
        <endEvent id="subEnd"/>
        ${flows('subStart', 'inner', 'subEnd')}
      </subProcess>
      <intermediateThrowEvent id="undoInner"><compensateEventDefinition activityRef="inner"/></intermediateThrowEvent>
      <endEvent id="end"/>
      ${flows('start', 'sub', 'undoInner', 'end')}`)).toEqual([expect.stringMatching(/activityRef 'inner' to name an activity in the scope 'p'/)]);
  });

  it('refuses a compensation start event outside an event sub-process of an embedded sub-process', async () => {
    expect(await issuesOn('compStart', `
      <startEvent id="start"/><endEvent id="end"/>${flows('start', 'end')}
      <subProcess id="onCompensation" triggeredByEvent="true">
        <startEvent id="compStart"><compensateEventDefinition/></startEvent>
      </subProcess>`)).toEqual([expect.stringMatching(/inside an embedded sub-process, but it is on the process level/)]);
    expect(await issuesOn('sub', `
      <startEvent id="start"/><endEvent id="end"/>${flows('start', 'sub', 'end')}
      <subProcess id="sub"><startEvent id="compStart"><compensateEventDefinition/></startEvent></subProcess>`))
      .toEqual([expect.stringMatching(/exactly one none start event/)]);
    expect(await issuesOn('compStart', `
      <startEvent id="start"/><endEvent id="end"/>${flows('start', 'sub', 'end')}
      <subProcess id="sub"><startEvent id="compStart"><compensateEventDefinition/></startEvent></subProcess>`))
      .toEqual([expect.stringMatching(/compensation start event only in an event sub-process/)]);
  });

  it('refuses a compensation event sub-process together with a compensation boundary event on the same sub-process', async () => {
    expect(await issuesOn('compStart', `
      <startEvent id="start"/><endEvent id="end"/>
      ${compensable('sub', `<subProcess id="sub">
          <startEvent id="subStart"/><endEvent id="subEnd"/>${flows('subStart', 'subEnd')}
          <subProcess id="onCompensation" triggeredByEvent="true"><startEvent id="compStart"><compensateEventDefinition/></startEvent></subProcess>
        </subProcess>`)}
      ${flows('start', 'sub', 'end')}`)).toEqual([expect.stringMatching(/either a compensation boundary event or a compensation event sub-process on 'sub'/)]);
  });

  it('refuses a cancel end event outside a transaction, or nested deeper in it', async () => {
    expect(await issuesOn('cancelEnd', `
      <startEvent id="start"/><endEvent id="cancelEnd"><cancelEventDefinition/></endEvent>${flows('start', 'cancelEnd')}`))
      .toEqual([expect.stringMatching(/cancel end event directly inside a transaction/)]);
    expect(await issuesOn('cancelEnd', `${transaction(`
      <subProcess id="nested"><startEvent id="nStart"/><endEvent id="cancelEnd"><cancelEventDefinition/></endEvent>${flows('nStart', 'cancelEnd')}</subProcess>
      ${flows('txStart', 'nested')}`)}${flows('cancelled', 'cancelledEnd')}`)).toEqual([expect.stringMatching(/cancel end event directly inside a transaction/)]);
  });

  it('refuses a cancel end event whose transaction has no cancel boundary event, and two cancel boundary events', async () => {
    expect(await issuesOn('cancelEnd', transaction(`<endEvent id="cancelEnd"><cancelEventDefinition/></endEvent>${flows('txStart', 'cancelEnd')}`, '')))
      .toEqual([expect.stringMatching(/transaction 'tx' to have a cancel boundary event/)]);
    expect(await issuesOn('second', `${transaction(`<endEvent id="txEnd"/>${flows('txStart', 'txEnd')}`, `
      <boundaryEvent id="cancelled" attachedToRef="tx"><cancelEventDefinition/></boundaryEvent>
      <boundaryEvent id="second" attachedToRef="tx"><cancelEventDefinition/></boundaryEvent>`)}
      ${flows('cancelled', 'cancelledEnd')}${flows('second', 'end')}`)).toEqual([expect.stringMatching(/at most one cancel boundary event on transaction 'tx'/)]);
  });

  it('refuses a cancel boundary event on an activity that is not a transaction', async () => {
    expect(await issuesOn('cancelled', `
      <startEvent id="start"/><userTask id="t"/><endEvent id="end"/>
      <boundaryEvent id="cancelled" attachedToRef="t"><cancelEventDefinition/></boundaryEvent>
      ${flows('start', 't', 'end')}${flows('cancelled', 'end')}`)).toEqual([expect.stringMatching(/cancel boundary event on one, but it is not/)]);
  });
});
