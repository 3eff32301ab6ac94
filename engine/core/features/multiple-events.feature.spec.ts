import { ParseError } from '../errors/index.js';
import { bpmn, conditionalEvent as condition, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import { InlineDispatcher } from '../../testing/inline-dispatcher.js';
import { Engine } from '../engine.js';

const roots = `
  <message id="docs" name="documentsReceived"/>
  <message id="pay" name="paymentReceived"/>
  <signal id="recall" name="productRecalled"/>
  <signal id="audit" name="auditDone"/>
  <error id="noStock" errorCode="OUT_OF_STOCK"/>
  <escalation id="late" escalationCode="LATE"/>`;

const message = (ref: string) => `<messageEventDefinition messageRef="${ref}"/>`;
const signal = (ref: string) => `<signalEventDefinition signalRef="${ref}"/>`;
const timer = (duration: string) => `<timerEventDefinition><timeDuration>${duration}</timeDuration></timerEventDefinition>`;
const HOUR = 3600_000;

async function deployed(...models: string[]): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(...models);
  return h;
}

function correlate(h: EngineHarness, messageName: string, businessKey?: string) {
  return h.engine.correlateMessage({
    messageName,
    ...(businessKey !== undefined ? { businessKey } : {}),
    processVariables: new Map(),
    processVariablesLocal: new Map(),
    all: false,
  });
}

const subscriptionsOf = (h: EngineHarness, id: string) => [...h.store.subscriptions.values()].filter((s) => s.processInstanceId === id);
const timersOf = (h: EngineHarness, id: string) => [...h.store.jobs.values()].filter((j) => j.processInstanceId === id && j.type === 'timer');
const tasksNamed = (h: EngineHarness, id: string, key: string) => h.tasks(id).filter((t) => t.taskDefinitionKey === key);

/** an application that waits in `wait` (the event's definitions given by each spec) before `check` */
function waitingApplication(definitions: string, attributes = ''): string {
  return bpmn('application', `
    <startEvent id="start"/>
    <intermediateCatchEvent id="wait" ${attributes}>${definitions}</intermediateCatchEvent>
    <userTask id="check"/>
    ${flows('start', 'wait', 'check')}`, roots);
}

/** an order whose `ship` task carries the boundary event `onEvent` leading to `react` */
function orderWithBoundary(definitions: string, attributes = ''): string {
  return bpmn('order', `
    <startEvent id="start"/>
    <userTask id="ship"/>
    <boundaryEvent id="onEvent" attachedToRef="ship" ${attributes}>${definitions}</boundaryEvent>
    <userTask id="react"/>
    <endEvent id="shipped"/>
    ${flows('start', 'ship', 'shipped')}
    ${flows('onEvent', 'react')}`, roots);
}

describe('feature: multiple events (any one of several definitions) and parallel multiple events (all of them)', () => {
  describe('intermediate catch', () => {
    it('multiple, message or timer: the message wins, and the timer goes in the same transaction', async () => {
      const h = await deployed(waitingApplication(message('docs') + timer('PT1H')));
      const id = await h.start('application', {}, 'app-1');
      expect(subscriptionsOf(h, id).map((s) => s.eventName)).toEqual(['documentsReceived']);
      expect(timersOf(h, id)).toHaveLength(1);

      await correlate(h, 'documentsReceived', 'app-1');

      expect(h.activeElements(id)).toEqual(['check']);
      expect(subscriptionsOf(h, id)).toEqual([]);
      expect(timersOf(h, id)).toEqual([]);
      const wait = h.activities(id).filter((a) => a.activityId === 'wait');
      expect(wait).toHaveLength(1);
      expect(wait[0]!.activityType).toBe('intermediateMultipleCatch');
    });

    it('multiple, message or timer: the timer wins, and the message subscription goes', async () => {
      const h = await deployed(waitingApplication(message('docs') + timer('PT1H')));
      const id = await h.start('application', {}, 'app-1');

      await h.advance(HOUR);

      expect(h.activeElements(id)).toEqual(['check']);
      expect(subscriptionsOf(h, id)).toEqual([]);
      await expect(correlate(h, 'documentsReceived', 'app-1')).rejects.toThrow(/No process definition or execution matches/);
    });

    it('parallel multiple, message and signal: waits for both, message first', async () => {
      const h = await deployed(waitingApplication(message('docs') + signal('audit'), 'parallelMultiple="true"'));
      const id = await h.start('application', {}, 'app-1');

      await correlate(h, 'documentsReceived', 'app-1');
      expect(h.activeElements(id)).toEqual(['wait']);
      expect(subscriptionsOf(h, id).map((s) => s.type)).toEqual(['signal']);
      // the message was consumed: a second one finds nothing waiting for it
      await expect(correlate(h, 'documentsReceived', 'app-1')).rejects.toThrow(/No process definition or execution matches/);

      await h.engine.signal('auditDone', typed({}));
      expect(h.activeElements(id)).toEqual(['check']);
      expect(h.activities(id).filter((a) => a.activityId === 'wait').map((a) => a.activityType)).toEqual(['intermediateParallelMultipleCatch']);
    });

    it('parallel multiple, message and signal: waits for both, signal first', async () => {
      const h = await deployed(waitingApplication(message('docs') + signal('audit'), 'parallelMultiple="true"'));
      const id = await h.start('application', {}, 'app-1');

      await h.engine.signal('auditDone', typed({}));
      await h.engine.signal('auditDone', typed({}));
      expect(h.activeElements(id)).toEqual(['wait']);

      await correlate(h, 'documentsReceived', 'app-1');
      expect(h.activeElements(id)).toEqual(['check']);
    });

    it('parallel multiple, message, timer and condition: the timer and the condition count as they happen', async () => {
      const h = await deployed(waitingApplication(message('docs') + timer('PT1H') + condition('${approved}'), 'parallelMultiple="true"'));
      const id = await h.start('application', { approved: false }, 'app-1');

      await h.advance(HOUR);
      await correlate(h, 'documentsReceived', 'app-1');
      expect(h.activeElements(id)).toEqual(['wait']);

      await h.engine.modifyVariables(id, typed({ approved: true }));
      expect(h.activeElements(id)).toEqual(['check']);
    });

    it('parallel multiple: a fresh engine on the stored state knows which trigger already arrived', async () => {
      const h = await deployed(waitingApplication(message('docs') + signal('audit'), 'parallelMultiple="true"'));
      const id = await h.start('application', {}, 'app-1');
      await h.engine.signal('auditDone', typed({}));

      let n = 0;
      const resumed = new Engine({
        store: h.store,
        dispatcher: new InlineDispatcher(),
        clock: h.clock,
        ids: { next: () => `resumed-${++n}` },
        handlers: { handlerFor: () => undefined },
        workerId: 'second-node',
      });
      await resumed.correlateMessage({ messageName: 'documentsReceived', businessKey: 'app-1', processVariables: new Map(), processVariablesLocal: new Map(), all: false });

      expect(h.activeElements(id)).toEqual(['check']);
    });

    it('multiple, a message and a signal at once: one wins, the event happens once', async () => {
      const h = await deployed(waitingApplication(message('docs') + signal('audit')));
      const id = await h.start('application', {}, 'app-1');

      const results = await h.race(() => correlate(h, 'documentsReceived', 'app-1'), () => h.engine.signal('auditDone', typed({})));

      expect(h.store.conflicts).toBe(1);
      expect(results.filter((r) => r.status === 'fulfilled' && r.value === 0).length + results.filter((r) => r.status === 'rejected').length).toBe(1);
      expect(h.path(id).filter((a) => a === 'wait')).toHaveLength(1);
      expect(h.activeElements(id)).toEqual(['check']);
    });

    it('parallel multiple, a message and a signal at once: the one that retries on the other\'s state completes the event', async () => {
      const h = await deployed(waitingApplication(message('docs') + signal('audit'), 'parallelMultiple="true"'));
      const id = await h.start('application', {}, 'app-1');

      const results = await h.race(() => correlate(h, 'documentsReceived', 'app-1'), () => h.engine.signal('auditDone', typed({})));

      expect(h.store.conflicts).toBe(1);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(h.path(id).filter((a) => a === 'wait')).toHaveLength(1);
      expect(h.activeElements(id)).toEqual(['check']);
    });

    it('after an event-based gateway, a multiple catch event is chosen by any one of its definitions', async () => {
      const h = await deployed(bpmn('application', `
        <startEvent id="start"/>
        <eventBasedGateway id="choose"/>
        <intermediateCatchEvent id="anyNews">${message('docs')}${signal('audit')}</intermediateCatchEvent>
        <intermediateCatchEvent id="tooLate">${timer('P1D')}</intermediateCatchEvent>
        <userTask id="check"/>
        <userTask id="remind"/>
        ${flows('start', 'choose', 'anyNews', 'check')}
        ${flows('choose', 'tooLate', 'remind')}`, roots));
      const id = await h.start('application', {}, 'app-1');

      await h.engine.signal('auditDone', typed({}));

      expect(h.activeElements(id)).toEqual(['check']);
      expect(subscriptionsOf(h, id)).toEqual([]);
      expect(timersOf(h, id)).toEqual([]);
    });
  });

  describe('boundary events', () => {
    it('multiple interrupting, message or timer: the message cancels the task, the timer goes', async () => {
      const h = await deployed(orderWithBoundary(message('docs') + timer('PT1H')));
      const id = await h.start('order', {}, 'order-1');

      await correlate(h, 'documentsReceived', 'order-1');

      expect(h.activeElements(id)).toEqual(['react']);
      expect(timersOf(h, id)).toEqual([]);
      expect(h.activities(id).find((a) => a.activityId === 'onEvent')?.activityType).toBe('boundaryMultiple');
    });

    it('multiple interrupting, message or timer: the timer cancels the task, the message subscription goes', async () => {
      const h = await deployed(orderWithBoundary(message('docs') + timer('PT1H')));
      const id = await h.start('order', {}, 'order-1');

      await h.advance(HOUR);

      expect(h.activeElements(id)).toEqual(['react']);
      expect(subscriptionsOf(h, id)).toEqual([]);
    });

    it('multiple non-interrupting, message or signal: fires on every trigger, the task goes on', async () => {
      const h = await deployed(orderWithBoundary(message('docs') + signal('recall'), 'cancelActivity="false"'));
      const id = await h.start('order', {}, 'order-1');

      await correlate(h, 'documentsReceived', 'order-1');
      await h.engine.signal('productRecalled', typed({}));
      await correlate(h, 'documentsReceived', 'order-1');

      expect(tasksNamed(h, id, 'react')).toHaveLength(3);
      expect(tasksNamed(h, id, 'ship')).toHaveLength(1);
      expect(subscriptionsOf(h, id).map((s) => s.eventName).sort()).toEqual(['documentsReceived', 'productRecalled']);
    });

    it('multiple interrupting, error or message: catches the error thrown inside the sub-process it is attached to', async () => {
      const h = await deployed(bpmn('order', `
        <startEvent id="start"/>
        <subProcess id="fulfil">
          <startEvent id="fulfilStart"/>
          <userTask id="pick"/>
          <endEvent id="outOfStock"><errorEventDefinition errorRef="noStock"/></endEvent>
          ${flows('fulfilStart', 'pick', 'outOfStock')}
        </subProcess>
        <boundaryEvent id="problem" attachedToRef="fulfil">
          <errorEventDefinition errorRef="noStock" camunda:errorCodeVariable="code"/>${message('docs')}
        </boundaryEvent>
        <userTask id="informCustomer"/>
        <endEvent id="done"/>
        ${flows('start', 'fulfil', 'done')}
        ${flows('problem', 'informCustomer')}`, roots));
      const id = await h.start('order', {}, 'order-1');

      await h.complete(id, 'pick');

      expect(h.activeElements(id)).toEqual(['informCustomer']);
      expect(h.variable(id, 'code')).toBe('OUT_OF_STOCK');
      expect(subscriptionsOf(h, id)).toEqual([]);
    });

    it('parallel multiple interrupting, message and signal: the task is cancelled only when both arrived', async () => {
      const h = await deployed(orderWithBoundary(message('docs') + signal('recall'), 'parallelMultiple="true"'));
      const id = await h.start('order', {}, 'order-1');

      await h.engine.signal('productRecalled', typed({}));
      expect(h.activeElements(id)).toEqual(['ship']);

      await correlate(h, 'documentsReceived', 'order-1');
      expect(h.activeElements(id)).toEqual(['react']);
      expect(h.activities(id).find((a) => a.activityId === 'onEvent')?.activityType).toBe('boundaryParallelMultiple');
    });

    it('parallel multiple non-interrupting, message and timer: fires once, when the last of them happened', async () => {
      const h = await deployed(orderWithBoundary(message('docs') + timer('PT1H'), 'parallelMultiple="true" cancelActivity="false"'));
      const id = await h.start('order', {}, 'order-1');

      await h.advance(HOUR);
      expect(tasksNamed(h, id, 'react')).toHaveLength(0);

      await correlate(h, 'documentsReceived', 'order-1');
      expect(h.activeElements(id)).toEqual(['react', 'ship']);
      expect(subscriptionsOf(h, id)).toEqual([]);
      expect(timersOf(h, id)).toEqual([]);
    });
  });

  describe('start events', () => {
    const inbound = bpmn('inbound', `
      <startEvent id="received">${message('docs')}${signal('recall')}</startEvent>
      <userTask id="sort"/>
      ${flows('received', 'sort')}`, roots);

    it('multiple, message or signal: a message starts an instance', async () => {
      const h = await deployed(inbound);

      const [result] = await correlate(h, 'documentsReceived');

      expect(result!.resultType).toBe('ProcessDefinition');
      expect(h.activities(result!.instance.id).find((a) => a.activityId === 'received')?.activityType).toBe('multipleStartEvent');
      expect(tasksNamed(h, result!.instance.id, 'sort')).toHaveLength(1);
    });

    it('multiple, message or signal: a signal starts an instance, and every trigger starts another', async () => {
      const h = await deployed(inbound);

      expect(await h.engine.signal('productRecalled', typed({}))).toBe(1);
      await correlate(h, 'documentsReceived');

      expect(h.tasks().filter((t) => t.taskDefinitionKey === 'sort')).toHaveLength(2);
    });

    it('multiple, timer or message: the timer starts an instance too', async () => {
      const h = await deployed(bpmn('nightly', `
        <startEvent id="trigger">${timer('PT1H')}${message('docs')}</startEvent>
        <userTask id="report"/>
        ${flows('trigger', 'report')}`, roots));

      await h.advance(HOUR);

      expect(h.tasks().filter((t) => t.taskDefinitionKey === 'report')).toHaveLength(1);
    });

    it('an inline definition and a referenced one together make a multiple event', async () => {
      const h = await deployed(bpmn('inbound', `
        <startEvent id="received">${message('docs')}<eventDefinitionRef>recallDefinition</eventDefinitionRef></startEvent>
        <userTask id="sort"/>
        ${flows('received', 'sort')}`, `${roots}<signalEventDefinition id="recallDefinition" signalRef="recall"/>`));

      await h.engine.signal('productRecalled', typed({}));
      await correlate(h, 'documentsReceived');

      expect(h.tasks().filter((t) => t.taskDefinitionKey === 'sort')).toHaveLength(2);
    });
  });

  describe('event sub-process starts', () => {
    function claim(startDefinitions: string, attributes = ''): string {
      return bpmn('claim', `
        <startEvent id="start"/>
        <userTask id="assess"/>
        <endEvent id="done"/>
        <subProcess id="onNews" triggeredByEvent="true">
          <startEvent id="newsArrived" ${attributes}>${startDefinitions}</startEvent>
          <userTask id="review"/>
          ${flows('newsArrived', 'review')}
        </subProcess>
        ${flows('start', 'assess', 'done')}`, roots);
    }

    it('multiple interrupting, message or signal: the signal starts it and the message subscription goes', async () => {
      const h = await deployed(claim(message('docs') + signal('recall')));
      const id = await h.start('claim', {}, 'claim-1');

      await h.engine.signal('productRecalled', typed({}));

      expect(h.activeElements(id)).toEqual(['onNews', 'review']);
      expect(subscriptionsOf(h, id)).toEqual([]);
    });

    it('multiple non-interrupting, message or timer: each trigger starts one more', async () => {
      const h = await deployed(claim(message('docs') + timer('PT1H'), 'isInterrupting="false"'));
      const id = await h.start('claim', {}, 'claim-1');

      await h.advance(HOUR);
      await correlate(h, 'documentsReceived', 'claim-1');

      expect(tasksNamed(h, id, 'review')).toHaveLength(2);
      expect(tasksNamed(h, id, 'assess')).toHaveLength(1);
    });

    it('multiple, escalation or message: catches an escalation thrown in the scope', async () => {
      const h = await deployed(bpmn('claim', `
        <startEvent id="start"/>
        <intermediateThrowEvent id="raiseLate"><escalationEventDefinition escalationRef="late"/></intermediateThrowEvent>
        <userTask id="assess"/>
        <subProcess id="onNews" triggeredByEvent="true">
          <startEvent id="newsArrived" isInterrupting="false"><escalationEventDefinition escalationRef="late"/>${message('docs')}</startEvent>
          <userTask id="review"/>
          ${flows('newsArrived', 'review')}
        </subProcess>
        ${flows('start', 'raiseLate', 'assess')}`, roots));
      const id = await h.start('claim', {}, 'claim-1');

      expect(h.activeElements(id)).toEqual(['assess', 'onNews', 'review']);
    });

    it('parallel multiple, message and signal: starts when both arrived', async () => {
      const h = await deployed(claim(message('docs') + signal('recall'), 'parallelMultiple="true"'));
      const id = await h.start('claim', {}, 'claim-1');

      await correlate(h, 'documentsReceived', 'claim-1');
      expect(h.activeElements(id)).toEqual(['assess']);

      await h.engine.signal('productRecalled', typed({}));
      expect(h.activeElements(id)).toEqual(['onNews', 'review']);
    });
  });

  describe('throw events', () => {
    it('a multiple intermediate throw event throws its signal and its escalation', async () => {
      const h = await deployed(
        bpmn('claim', `
          <startEvent id="start"/>
          <subProcess id="handle">
            <startEvent id="handleStart"/>
            <intermediateThrowEvent id="raise">${signal('recall')}<escalationEventDefinition escalationRef="late"/></intermediateThrowEvent>
            <userTask id="work"/>
            ${flows('handleStart', 'raise', 'work')}
          </subProcess>
          <boundaryEvent id="whenLate" attachedToRef="handle" cancelActivity="false"><escalationEventDefinition escalationRef="late"/></boundaryEvent>
          <userTask id="informManager"/>
          ${flows('start', 'handle')}
          ${flows('whenLate', 'informManager')}`, roots),
        orderWithBoundary(signal('recall')),
      );
      const order = await h.start('order', {}, 'order-1');

      const claim = await h.start('claim');

      expect(h.activeElements(claim)).toEqual(['handle', 'informManager', 'work']);
      expect(h.activeElements(order)).toEqual(['react']);
    });

    it('a multiple end event throws its signals', async () => {
      const h = await deployed(
        bpmn('auditRun', `
          <startEvent id="start"/>
          <endEvent id="finished">${signal('audit')}${signal('recall')}</endEvent>
          ${flows('start', 'finished')}`, roots),
        waitingApplication(signal('audit') + signal('recall'), 'parallelMultiple="true"'),
      );
      const application = await h.start('application');

      const audit = await h.start('auditRun');

      expect(h.state(audit)).toBe('COMPLETED');
      expect(h.activities(audit).find((a) => a.activityId === 'finished')?.activityType).toBe('multipleEndEvent');
      expect(h.activeElements(application)).toEqual(['check']);
    });
  });

  describe('deployment refuses what cannot be made sound', () => {
    async function refused(model: string): Promise<string> {
      const h = new EngineHarness();
      const error = await h.deploy(model).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ParseError);
      return (error as Error).message;
    }

    it('a parallel multiple start event of a process', async () => {
      const reason = await refused(bpmn('inbound', `
        <startEvent id="received" parallelMultiple="true">${message('docs')}${signal('recall')}</startEvent>
        <endEvent id="end"/>
        ${flows('received', 'end')}`, roots));
      expect(reason).toContain("element 'received': Expected a parallel multiple start event only in an event sub-process, but it starts the process");
    });

    it('a parallel multiple event with an error', async () => {
      const reason = await refused(orderWithBoundary(`<errorEventDefinition errorRef="noStock"/>${message('docs')}`, 'parallelMultiple="true"'));
      expect(reason).toContain("element 'onEvent': Expected a parallel multiple event to wait only for message, timer, signal, conditional event definitions, but it has error");
    });

    it('definitions an event kind cannot combine: compensation in a boundary event, an error in a catch event, a message in a throw event', async () => {
      expect(await refused(orderWithBoundary(`<compensateEventDefinition/>${message('docs')}`)))
        .toContain("element 'onEvent': Expected a multiple boundaryEvent to combine only message, timer, signal, conditional, error, escalation event definitions, but it has a compensate event definition");
      expect(await refused(waitingApplication(`<errorEventDefinition errorRef="noStock"/>${message('docs')}`)))
        .toContain("element 'wait': Expected a multiple intermediateCatchEvent to combine only message, timer, signal, conditional event definitions, but it has an error event definition");
      expect(await refused(bpmn('p', `
        <startEvent id="start"/>
        <endEvent id="finished">${message('docs')}${signal('audit')}</endEvent>
        ${flows('start', 'finished')}`, roots)))
        .toContain("element 'finished': Expected a multiple endEvent to combine only signal, escalation event definitions, but it has a message event definition");
    });

    it('a conditional process start within a multiple start event, and two conditions in one event', async () => {
      expect(await refused(bpmn('inbound', `
        <startEvent id="received">${message('docs')}${condition('${x}')}</startEvent>
        <endEvent id="end"/>
        ${flows('received', 'end')}`, roots)))
        .toContain("element 'received': Expected a multiple start event of a process to combine only message, timer, signal event definitions, but it has a conditional event definition");
      expect(await refused(waitingApplication(condition('${a}') + condition('${b}'))))
        .toContain("element 'wait': Expected at most one conditional event definition in a multiple event, but it has 2");
    });

    it('a non-interrupting multiple event with an error', async () => {
      expect(await refused(orderWithBoundary(`<errorEventDefinition errorRef="noStock"/>${message('docs')}`, 'cancelActivity="false"')))
        .toContain("element 'onEvent': Expected a multiple event with an error event definition to be interrupting, but it is not");
    });
  });
});
