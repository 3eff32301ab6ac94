import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../../testing/engine-harness.js';

const HOUR = 3_600_000;

describe('intermediate catch event', () => {
  describe('message', () => {
    const model = bpmn('payment', `
      <startEvent id="start"/>
      <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
      <userTask id="ship"/>
      ${flows('start', 'paid', 'ship')}`, `<message id="m" name="paymentReceived"/>`);

    it('waits with a subscription and continues when the message is correlated', async () => {
      const h = new EngineHarness();
      await h.deploy(model);
      const id = await h.start('payment', { invoice: 'INV-1' }, 'order-1');
      expect(h.activeElements(id)).toEqual(['paid']);

      await h.engine.correlateMessage({
        messageName: 'paymentReceived', businessKey: 'order-1', processVariables: typed({ amountPaid: 99.5 }), processVariablesLocal: new Map(), all: false,
      });

      expect(h.path(id)).toEqual(['start', 'paid', 'ship']);
      expect(h.variable(id, 'amountPaid')).toBe(99.5);
      expect(h.store.subscriptions.size).toBe(0);
    });

    it('is correlated by correlation keys matching process variables', async () => {
      const h = new EngineHarness();
      await h.deploy(model);
      const first = await h.start('payment', { invoice: 'INV-1' });
      const second = await h.start('payment', { invoice: 'INV-2' });

      const [result] = await h.engine.correlateMessage({
        messageName: 'paymentReceived', correlationKeys: typed({ invoice: 'INV-2' }), processVariables: new Map(), processVariablesLocal: new Map(), all: false,
      });

      expect(result!.instance.id).toBe(second);
      expect(h.activeElements(second)).toEqual(['ship']);
      expect(h.activeElements(first)).toEqual(['paid']);
    });

    it('the message name can be an expression evaluated when the event is reached', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('dynamic', `
        <startEvent id="start"/>
        <intermediateCatchEvent id="wait"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
        <endEvent id="end"/>
        ${flows('start', 'wait', 'end')}`, `<message id="m" name="answer-\${topic}"/>`));
      const id = await h.start('dynamic', { topic: 'pricing' });
      expect([...h.store.subscriptions.values()].map((s) => s.eventName)).toEqual(['answer-pricing']);
      await h.engine.correlateMessage({ messageName: 'answer-pricing', processVariables: new Map(), processVariablesLocal: new Map(), all: false });
      expect(h.state(id)).toBe('COMPLETED');
    });
  });

  describe('timer', () => {
    it('a duration waits that long', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('coolingOff', `
        <startEvent id="start"/>
        <intermediateCatchEvent id="wait14d"><timerEventDefinition><timeDuration>P14D</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <userTask id="confirm"/>
        ${flows('start', 'wait14d', 'confirm')}`));
      const id = await h.start('coolingOff');
      expect([...h.store.jobs.values()][0]!.dueAt.toISOString()).toBe('2026-01-19T09:00:00.000Z');

      await h.advance(14 * 24 * HOUR - 1);
      expect(h.activeElements(id)).toEqual(['wait14d']);
      await h.advance(1);
      expect(h.activeElements(id)).toEqual(['confirm']);
      expect(h.store.jobs.size).toBe(0);
    });

    it('a date from a variable waits until that date', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('followUpDate', `
        <startEvent id="start"/>
        <intermediateCatchEvent id="until"><timerEventDefinition><timeDate>\${followUpAt}</timeDate></timerEventDefinition></intermediateCatchEvent>
        <userTask id="call"/>
        ${flows('start', 'until', 'call')}`));
      const id = await h.start('followUpDate', { followUpAt: '2026-01-10T08:30:00Z' });
      expect([...h.store.jobs.values()][0]!.dueAt.toISOString()).toBe('2026-01-10T08:30:00.000Z');
      await h.advance(5 * 24 * HOUR);
      expect(h.activeElements(id)).toEqual(['call']);
    });

    it('an invalid timer value fails the command, naming the event', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('badTimer', `
        <startEvent id="start"/>
        <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>\${delay}</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <endEvent id="end"/>
        ${flows('start', 'wait', 'end')}`));
      await expect(h.start('badTimer', { delay: 'soon' })).rejects.toThrow(/Could not schedule timer 'wait'/);
    });
  });

  describe('signal', () => {
    it('waits for the signal and continues when it is broadcast, with its variables', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('priceList', `
        <startEvent id="start"/>
        <intermediateCatchEvent id="newPrices"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>
        <userTask id="requote"/>
        ${flows('start', 'newPrices', 'requote')}`, `<signal id="s" name="priceListPublished"/>`));
      const a = await h.start('priceList');
      const b = await h.start('priceList');

      const delivered = await h.engine.signal('priceListPublished', typed({ priceListVersion: 7 }));

      expect(delivered).toBe(2);
      for (const id of [a, b]) {
        expect(h.activeElements(id)).toEqual(['requote']);
        expect(h.variable(id, 'priceListVersion')).toBe(7);
      }
      expect(h.store.subscriptions.size).toBe(0);
    });
  });

  describe('link', () => {
    it('a link throw continues at the link catch of the same name', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('links', `
        <startEvent id="start"/>
        <intermediateThrowEvent id="goTo"><linkEventDefinition name="page2"/></intermediateThrowEvent>
        <intermediateCatchEvent id="arrive"><linkEventDefinition name="page2"/></intermediateCatchEvent>
        <userTask id="continue"/>
        ${flows('start', 'goTo')}
        ${flows('arrive', 'continue')}`));
      const id = await h.start('links');
      expect(h.path(id)).toEqual(['start', 'goTo', 'arrive', 'continue']);
    });
  });
});
