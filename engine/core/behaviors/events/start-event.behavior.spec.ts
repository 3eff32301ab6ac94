import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../../testing/engine-harness.js';

async function deployed(...models: string[]): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(...models);
  return h;
}

const HOUR = 3_600_000;

describe('start event', () => {
  describe('none start event', () => {
    it('starts the instance with its variables and business key', async () => {
      // given a process with a none start event leading to a user task
      const h = await deployed(bpmn('lead', `
        <startEvent id="start"/>
        <userTask id="qualify"/>
        ${flows('start', 'qualify')}`));

      // when it is started with variables and a business key
      const id = await h.start('lead', { source: 'web', score: 42 }, 'lead-17');

      // then the token waits in the task, the variables and business key are the instance's
      expect(h.path(id)).toEqual(['start', 'qualify']);
      expect(h.activeElements(id)).toEqual(['qualify']);
      expect(h.variable(id, 'source')).toBe('web');
      expect(h.variable(id, 'score')).toBe(42);
      expect(h.historicInstance(id)?.businessKey).toBe('lead-17');
      expect(h.historicInstance(id)?.startActivityId).toBe('start');
      expect(h.task(id, 'qualify').businessKey).toBe('lead-17');
    });

    it('keeps the start activity in the history once the instance has ended (regression: the end row blanked it)', async () => {
      const h = await deployed(bpmn('quick', `<startEvent id="begin"/><userTask id="t"/><endEvent id="end"/>${flows('begin', 't', 'end')}`));
      const id = await h.start('quick');
      await h.complete(id, 't');
      expect(h.historicInstance(id)).toMatchObject({ state: 'COMPLETED', startActivityId: 'begin' });
    });

    it('refuses a start by key when nothing is deployed under that key', async () => {
      const h = await deployed(bpmn('lead', `<startEvent id="start"/><endEvent id="end"/>${flows('start', 'end')}`));
      await expect(h.start('unknown')).rejects.toThrow(/No matching process definition with key 'unknown'/);
    });

    it('cannot start a process that only has a message start event without its message', async () => {
      const h = await deployed(bpmn('onlyMessage', `
        <startEvent id="start"><messageEventDefinition messageRef="m"/></startEvent>
        <endEvent id="end"/>
        ${flows('start', 'end')}`, `<message id="m" name="webForm"/>`));
      await expect(h.start('onlyMessage')).rejects.toThrow(/no none start event/);
    });
  });

  describe('message start event', () => {
    const messageStart = bpmn('inbound', `
      <startEvent id="formReceived"><messageEventDefinition messageRef="m"/></startEvent>
      <userTask id="callBack"/>
      ${flows('formReceived', 'callBack')}`, `<message id="m" name="webFormSubmitted"/>`);

    it('starts an instance with the business key and variables of the message', async () => {
      const h = await deployed(messageStart);

      // when the message is correlated
      const results = await h.engine.correlateMessage({
        messageName: 'webFormSubmitted',
        businessKey: 'contact-99',
        processVariables: typed({ email: 'ann@example.com' }),
        processVariablesLocal: new Map(),
        all: false,
      });

      // then a new instance started through the message start event
      expect(results).toHaveLength(1);
      expect(results[0]!.resultType).toBe('ProcessDefinition');
      const id = results[0]!.instance.id;
      expect(h.historicInstance(id)?.businessKey).toBe('contact-99');
      expect(h.historicInstance(id)?.startActivityId).toBe('formReceived');
      expect(h.path(id)).toEqual(['formReceived', 'callBack']);
      expect(h.variable(id, 'email')).toBe('ann@example.com');
      expect(h.historicInstance(id)?.state).toBe('ACTIVE');
    });

    it('starts a new instance for every message', async () => {
      const h = await deployed(messageStart);
      const correlate = (businessKey: string) =>
        h.engine.correlateMessage({ messageName: 'webFormSubmitted', businessKey, processVariables: new Map(), processVariablesLocal: new Map(), all: false });
      const [first] = await correlate('a');
      const [second] = await correlate('b');
      expect(first!.instance.id).not.toBe(second!.instance.id);
      expect(h.tasks().map((t) => t.businessKey).sort()).toEqual(['a', 'b']);
    });
  });

  describe('signal start event', () => {
    it('starts one instance of every process with a matching signal start event, with the signal variables', async () => {
      const signal = `<signal id="s" name="campaignLaunched"/>`;
      const h = await deployed(
        bpmn('mailing', `
          <startEvent id="launched"><signalEventDefinition signalRef="s"/></startEvent>
          <userTask id="sendMail"/>
          ${flows('launched', 'sendMail')}`, signal),
        bpmn('reporting', `
          <startEvent id="launched"><signalEventDefinition signalRef="s"/></startEvent>
          <userTask id="report"/>
          ${flows('launched', 'report')}`, signal),
      );

      // when the signal is broadcast
      const delivered = await h.engine.signal('campaignLaunched', typed({ campaign: 'spring' }));

      // then both processes started once, each with the signal's variables
      expect(delivered).toBe(2);
      const mailing = h.task(h.tasks().find((t) => t.definitionKey === 'mailing')!.processInstanceId, 'sendMail');
      const reporting = h.tasks().find((t) => t.definitionKey === 'reporting')!;
      expect(h.variable(mailing.processInstanceId, 'campaign')).toBe('spring');
      expect(h.variable(reporting.processInstanceId, 'campaign')).toBe('spring');
      expect(h.path(mailing.processInstanceId)).toEqual(['launched', 'sendMail']);
    });
  });

  describe('timer start event', () => {
    it('starts an instance when its duration elapsed, and not before', async () => {
      const h = await deployed(bpmn('nightly', `
        <startEvent id="tick"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></startEvent>
        <userTask id="check"/>
        ${flows('tick', 'check')}`));
      expect(h.store.jobs.size).toBe(1);

      await h.advance(HOUR - 1);
      expect(h.tasks()).toEqual([]);

      await h.advance(1);
      expect(h.tasks().map((t) => t.taskDefinitionKey)).toEqual(['check']);
      expect(h.path(h.tasks()[0]!.processInstanceId)).toEqual(['tick', 'check']);
      // a duration fires once
      expect(h.store.jobs.size).toBe(0);
    });

    it('starts an instance per cycle until the repetitions are used up', async () => {
      const h = await deployed(bpmn('cyclic', `
        <startEvent id="tick"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent>
        <userTask id="check"/>
        ${flows('tick', 'check')}`));
      await h.advance(HOUR);
      expect(h.tasks()).toHaveLength(1);
      await h.advance(HOUR);
      expect(h.tasks()).toHaveLength(2);
      await h.advance(5 * HOUR);
      expect(h.tasks()).toHaveLength(2);
      expect(h.store.jobs.size).toBe(0);
    });
  });
});
