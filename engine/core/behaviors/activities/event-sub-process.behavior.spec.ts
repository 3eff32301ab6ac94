import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../../testing/engine-harness.js';

const HOUR = 3_600_000;
const messages = `<message id="update" name="customerUpdate"/><message id="withdraw" name="orderWithdrawn"/>`;

/** an order handled in a user task, with event sub-processes added by each spec */
function order(eventSubProcesses: string, extra = ''): string {
  return bpmn('order', `
    <startEvent id="start"/>
    <userTask id="handleOrder"/>
    <endEvent id="end"/>
    ${flows('start', 'handleOrder', 'end')}
    ${eventSubProcesses}
    ${extra}`, messages);
}

const correlate = (h: EngineHarness, messageName: string, variables: Record<string, unknown> = {}) =>
  h.engine.correlateMessage({ messageName, businessKey: 'order-1', processVariables: typed(variables), processVariablesLocal: new Map(), all: false });

describe('event sub-process', () => {
  describe('non-interrupting message start', () => {
    const model = order(`
      <subProcess id="onUpdate" triggeredByEvent="true">
        <startEvent id="updateReceived" isInterrupting="false"><messageEventDefinition messageRef="update"/></startEvent>
        <userTask id="reviewUpdate"/>
        <endEvent id="updateDone"/>
        ${flows('updateReceived', 'reviewUpdate', 'updateDone')}
      </subProcess>`);

    it('runs alongside the main flow, once per message, and keeps waiting', async () => {
      const h = new EngineHarness();
      await h.deploy(model);
      const id = await h.start('order', {}, 'order-1');

      // when the message arrives twice
      await correlate(h, 'customerUpdate', { note: 'first' });
      await correlate(h, 'customerUpdate', { note: 'second' });

      // then two event sub-process instances run next to the untouched main task
      expect(h.activeElements(id)).toEqual(['handleOrder', 'onUpdate', 'onUpdate', 'reviewUpdate', 'reviewUpdate']);
      expect(h.tasks(id).map((t) => t.taskDefinitionKey).sort()).toEqual(['handleOrder', 'reviewUpdate', 'reviewUpdate']);
      expect(h.variable(id, 'note')).toBe('second');
      expect([...h.store.subscriptions.values()].filter((s) => s.eventName === 'customerUpdate')).toHaveLength(1);
    });

    it('the scope completes only when the main flow and every running event sub-process are done', async () => {
      const h = new EngineHarness();
      await h.deploy(model);
      const id = await h.start('order', {}, 'order-1');
      await correlate(h, 'customerUpdate');

      await h.complete(id, 'handleOrder');
      expect(h.state(id)).toBe('ACTIVE');
      expect(h.activeElements(id)).toEqual(['onUpdate', 'reviewUpdate']);

      await h.complete(id, 'reviewUpdate');
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.store.subscriptions.size).toBe(0);
    });
  });

  describe('interrupting message start', () => {
    it('cancels the main flow, runs instead of it, and ends the scope with it', async () => {
      const h = new EngineHarness();
      await h.deploy(order(`
        <subProcess id="onWithdraw" triggeredByEvent="true">
          <startEvent id="withdrawn"><messageEventDefinition messageRef="withdraw"/></startEvent>
          <userTask id="refund"/>
          <endEvent id="refunded"/>
          ${flows('withdrawn', 'refund', 'refunded')}
        </subProcess>`));
      const id = await h.start('order', {}, 'order-1');

      await correlate(h, 'orderWithdrawn');

      expect(h.activeElements(id)).toEqual(['onWithdraw', 'refund']);
      expect(h.activities(id).find((a) => a.activityId === 'handleOrder')?.canceled).toBe(true);
      expect(h.store.subscriptions.size).toBe(0);
      // a second message finds nothing to interrupt
      await expect(correlate(h, 'orderWithdrawn')).rejects.toThrow(/No process definition or execution matches/);

      await h.complete(id, 'refund');
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.path(id)).not.toContain('end');
    });
  });

  it('an interrupting event sub-process also cancels a token waiting at a join, so the instance can complete (regression)', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('joined', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <userTask id="a"/>
      <userTask id="b"/>
      <parallelGateway id="join"/>
      <endEvent id="end"/>
      ${flows('start', 'fork', 'a', 'join', 'end')}
      ${flows('fork', 'b', 'join')}
      <subProcess id="onWithdraw" triggeredByEvent="true">
        <startEvent id="withdrawn"><messageEventDefinition messageRef="withdraw"/></startEvent>
        <endEvent id="withdrawnEnd"/>
        ${flows('withdrawn', 'withdrawnEnd')}
      </subProcess>`, messages));
    const id = await h.start('joined', {}, 'order-1');
    await h.complete(id, 'a');

    await correlate(h, 'orderWithdrawn');

    expect(h.state(id)).toBe('COMPLETED');
    expect(h.store.instances.size).toBe(0);
  });

  describe('timer start', () => {
    it('an interrupting timer event sub-process fires after its duration and replaces the main flow', async () => {
      const h = new EngineHarness();
      await h.deploy(order(`
        <subProcess id="onTimeout" triggeredByEvent="true">
          <startEvent id="timeout"><timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition></startEvent>
          <userTask id="escalate"/>
          ${flows('timeout', 'escalate')}
        </subProcess>`));
      const id = await h.start('order');

      await h.advance(2 * HOUR - 1);
      expect(h.activeElements(id)).toEqual(['handleOrder']);

      await h.advance(1);
      expect(h.activeElements(id)).toEqual(['escalate', 'onTimeout']);
      expect(h.activities(id).find((a) => a.activityId === 'handleOrder')?.canceled).toBe(true);
      expect(h.store.jobs.size).toBe(0);
    });

    it('a non-interrupting cycle timer event sub-process fires on every cycle while the scope runs', async () => {
      const h = new EngineHarness();
      await h.deploy(order(`
        <subProcess id="reminders" triggeredByEvent="true">
          <startEvent id="tick" isInterrupting="false"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent>
          <task id="remind"/>
          <endEvent id="reminded"/>
          ${flows('tick', 'remind', 'reminded')}
        </subProcess>`));
      const id = await h.start('order');

      await h.advance(5 * HOUR);

      expect(h.path(id).filter((a) => a === 'remind')).toHaveLength(2);
      expect(h.activeElements(id)).toEqual(['handleOrder']);
      expect(h.store.jobs.size).toBe(0);
    });

    it('the timer goes when the scope completes first', async () => {
      const h = new EngineHarness();
      await h.deploy(order(`
        <subProcess id="onTimeout" triggeredByEvent="true">
          <startEvent id="timeout"><timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition></startEvent>
          <userTask id="escalate"/>
          ${flows('timeout', 'escalate')}
        </subProcess>`));
      const id = await h.start('order');
      await h.complete(id, 'handleOrder');
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.store.jobs.size).toBe(0);
    });
  });

  describe('inside an embedded sub-process', () => {
    it('an interrupting event sub-process replaces only the sub-process content and keeps the boundary events of the sub-process', async () => {
      // given a sub-process with an interrupting message event sub-process and a timer boundary on the sub-process
      const h = new EngineHarness();
      await h.deploy(bpmn('nested', `
        <startEvent id="start"/>
        <subProcess id="sub">
          <startEvent id="subStart"/>
          <userTask id="work"/>
          <endEvent id="subEnd"/>
          ${flows('subStart', 'work', 'subEnd')}
          <subProcess id="onWithdraw" triggeredByEvent="true">
            <startEvent id="withdrawn"><messageEventDefinition messageRef="withdraw"/></startEvent>
            <userTask id="undo"/>
            <endEvent id="undone"/>
            ${flows('withdrawn', 'undo', 'undone')}
          </subProcess>
        </subProcess>
        <boundaryEvent id="deadline" attachedToRef="sub"><timerEventDefinition><timeDuration>PT8H</timeDuration></timerEventDefinition></boundaryEvent>
        <userTask id="after"/>
        <userTask id="late"/>
        ${flows('start', 'sub', 'after')}
        ${flows('deadline', 'late')}`, messages));
      const id = await h.start('nested', {}, 'order-1');

      // when the interrupting message arrives
      await correlate(h, 'orderWithdrawn');

      // then only the content of the sub-process was replaced
      expect(h.activeElements(id)).toEqual(['onWithdraw', 'sub', 'undo']);
      expect(h.activities(id).find((a) => a.activityId === 'work')?.canceled).toBe(true);

      // and the deadline on the sub-process still holds
      expect([...h.store.jobs.values()].map((j) => j.activityId)).toEqual(['deadline']);
      await h.advance(8 * HOUR);
      expect(h.activeElements(id)).toEqual(['late']);
    });

    it('when it completes, the sub-process completes and the parent continues', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('nested2', `
        <startEvent id="start"/>
        <subProcess id="sub">
          <startEvent id="subStart"/>
          <userTask id="work"/>
          ${flows('subStart', 'work')}
          <subProcess id="onWithdraw" triggeredByEvent="true">
            <startEvent id="withdrawn"><messageEventDefinition messageRef="withdraw"/></startEvent>
            <task id="undo"/>
            ${flows('withdrawn', 'undo')}
          </subProcess>
        </subProcess>
        <userTask id="after"/>
        ${flows('start', 'sub', 'after')}`, messages));
      const id = await h.start('nested2', {}, 'order-1');
      await correlate(h, 'orderWithdrawn');
      expect(h.activeElements(id)).toEqual(['after']);
    });
  });
});
