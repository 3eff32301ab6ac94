import { bpmn, fixture, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../../testing/engine-harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** a complaint handled in a user task: 24h reminder (non-interrupting), 48h SLA to a supervisor (interrupting) */
const complaint = fixture('boundary-event.complaint-sla');

async function complaintStarted() {
  const h = new EngineHarness();
  await h.deploy(complaint);
  const notified: string[] = [];
  h.handlers.set('crm.notify', async (input) => {
    notified.push(input.activityId);
    return { outcome: 'complete' };
  });
  const id = await h.start('complaint', {}, 'complaint-1');
  return { h, id, notified };
}

describe('boundary event', () => {
  describe('timers on a user task (complaint SLA)', () => {
    it('schedules both timers when the task starts', async () => {
      const { h } = await complaintStarted();
      const due = [...h.store.jobs.values()].map((j) => [j.activityId, j.dueAt.toISOString()]).sort();
      expect(due).toEqual([['reminder24h', '2026-01-06T09:00:00.000Z'], ['sla48h', '2026-01-07T09:00:00.000Z']]);
    });

    it('the non-interrupting reminder fires after 24h and the task stays', async () => {
      const { h, id, notified } = await complaintStarted();

      await h.advance(24 * HOUR);

      expect(notified).toEqual(['sendReminder']);
      expect(h.path(id)).toEqual(['received', 'resolve', 'reminder24h', 'sendReminder', 'reminded']);
      expect(h.task(id, 'resolve').assignee).toBe('agent');
      expect(h.activeElements(id)).toEqual(['resolve']);
      // a duration fires once: only the SLA timer is left
      expect([...h.store.jobs.values()].map((j) => j.activityId)).toEqual(['sla48h']);
    });

    it('the interrupting SLA fires after 48h: the task is cancelled and the supervisor takes over', async () => {
      const { h, id } = await complaintStarted();

      await h.advance(24 * HOUR);
      await h.advance(24 * HOUR);

      expect(h.activeElements(id)).toEqual(['supervisorResolves']);
      expect(h.tasks(id).map((t) => [t.taskDefinitionKey, t.assignee])).toEqual([['supervisorResolves', 'supervisor']]);
      expect(h.activities(id).find((a) => a.activityId === 'resolve')?.canceled).toBe(true);
      expect(h.path(id)).toEqual(['received', 'resolve', 'reminder24h', 'sendReminder', 'reminded', 'sla48h', 'supervisorResolves']);
      expect(h.store.jobs.size).toBe(0);
    });

    it('completing the task in time removes both timers', async () => {
      const { h, id, notified } = await complaintStarted();
      await h.advance(2 * HOUR);
      await h.complete(id, 'resolve');
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.store.jobs.size).toBe(0);
      await h.advance(72 * HOUR);
      expect(notified).toEqual([]);
      expect(h.path(id)).toEqual(['received', 'resolve', 'resolved']);
    });

    it('a timer job that runs after its activity completed does nothing', async () => {
      // given the SLA job as it was stored while the task was open
      const { h, id } = await complaintStarted();
      const stale = [...h.store.jobs.values()].find((j) => j.activityId === 'sla48h')!;

      // when the task completes and the stale job row comes back (e.g. a queue redelivery)
      await h.complete(id, 'resolve');
      h.store.jobs.set(stale.id, { ...stale, dueAt: h.clock.now() });
      await h.advance(48 * HOUR);

      // then nothing happens to the completed instance
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.path(id)).toEqual(['received', 'resolve', 'resolved']);
    });
  });

  it('a non-interrupting timer cycle R3/PT10M fires exactly three times', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('followUp', `
      <startEvent id="start"/>
      <userTask id="waitForCustomer"/>
      <boundaryEvent id="nudge" attachedToRef="waitForCustomer" cancelActivity="false">
        <timerEventDefinition><timeCycle>R3/PT10M</timeCycle></timerEventDefinition>
      </boundaryEvent>
      <task id="sendNudge"/>
      <endEvent id="nudged"/>
      <endEvent id="end"/>
      ${flows('start', 'waitForCustomer', 'end')}
      ${flows('nudge', 'sendNudge', 'nudged')}`));
    const id = await h.start('followUp');
    const nudges = () => h.path(id).filter((a) => a === 'sendNudge').length;

    await h.advance(10 * MINUTE - 1);
    expect(nudges()).toBe(0);
    await h.advance(1);
    expect(nudges()).toBe(1);
    expect([...h.store.jobs.values()][0]!.dueAt.toISOString()).toBe('2026-01-05T09:20:00.000Z');
    await h.advance(10 * MINUTE);
    expect(nudges()).toBe(2);
    await h.advance(10 * MINUTE);
    expect(nudges()).toBe(3);
    await h.advance(60 * MINUTE);
    expect(nudges()).toBe(3);
    expect(h.store.jobs.size).toBe(0);
    expect(h.activeElements(id)).toEqual(['waitForCustomer']);
  });

  describe('message boundary', () => {
    const model = bpmn('offer', `
      <startEvent id="start"/>
      <userTask id="prepareOffer"/>
      <boundaryEvent id="cancelled" attachedToRef="prepareOffer"><messageEventDefinition messageRef="m"/></boundaryEvent>
      <boundaryEvent id="question" attachedToRef="prepareOffer" cancelActivity="false"><messageEventDefinition messageRef="q"/></boundaryEvent>
      <userTask id="answerQuestion"/>
      <endEvent id="cancelEnd"/>
      <endEvent id="end"/>
      ${flows('start', 'prepareOffer', 'end')}
      ${flows('cancelled', 'cancelEnd')}
      ${flows('question', 'answerQuestion')}`, `<message id="m" name="offerCancelled"/><message id="q" name="customerQuestion"/>`);

    const correlate = (h: EngineHarness, messageName: string, variables: Record<string, unknown> = {}) =>
      h.engine.correlateMessage({ messageName, businessKey: 'offer-1', processVariables: typed(variables), processVariablesLocal: new Map(), all: false });

    it('an interrupting message boundary cancels the task and takes its path', async () => {
      const h = new EngineHarness();
      await h.deploy(model);
      const id = await h.start('offer', {}, 'offer-1');
      await correlate(h, 'offerCancelled', { reason: 'budget' });
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.path(id)).toEqual(['start', 'prepareOffer', 'cancelled', 'cancelEnd']);
      expect(h.variable(id, 'reason')).toBe('budget');
      expect(h.store.subscriptions.size).toBe(0);
    });

    it('a non-interrupting message boundary runs its path each time and keeps the task', async () => {
      const h = new EngineHarness();
      await h.deploy(model);
      const id = await h.start('offer', {}, 'offer-1');
      await correlate(h, 'customerQuestion');
      await correlate(h, 'customerQuestion');
      expect(h.activeElements(id)).toEqual(['answerQuestion', 'answerQuestion', 'prepareOffer']);
      await h.complete(id, 'prepareOffer');
      // the boundary subscriptions went with the task
      await expect(correlate(h, 'customerQuestion')).rejects.toThrow(/No process definition or execution matches/);
      expect(h.state(id)).toBe('ACTIVE');
    });
  });

  describe('signal boundary', () => {
    it('catches a broadcast signal in every waiting instance', async () => {
      const h = new EngineHarness();
      await h.deploy(bpmn('campaignTask', `
        <startEvent id="start"/>
        <userTask id="callLead"/>
        <boundaryEvent id="campaignStopped" attachedToRef="callLead"><signalEventDefinition signalRef="s"/></boundaryEvent>
        <endEvent id="stopped"/>
        <endEvent id="end"/>
        ${flows('start', 'callLead', 'end')}
        ${flows('campaignStopped', 'stopped')}`, `<signal id="s" name="campaignStopped"/>`));
      const a = await h.start('campaignTask');
      const b = await h.start('campaignTask');

      const delivered = await h.engine.signal('campaignStopped', new Map());

      expect(delivered).toBe(2);
      for (const id of [a, b]) {
        expect(h.state(id)).toBe('COMPLETED');
        expect(h.historicInstance(id)?.endActivityId).toBe('stopped');
        expect(h.activities(id).find((x) => x.activityId === 'callLead')?.canceled).toBe(true);
      }
    });
  });

  it('a boundary timer on a sub-process covers everything inside it', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('scoped', `
      <startEvent id="start"/>
      <subProcess id="sub">
        <startEvent id="s"/><userTask id="inner"/><endEvent id="e"/>
        ${flows('s', 'inner', 'e')}
      </subProcess>
      <boundaryEvent id="timeout" attachedToRef="sub"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <userTask id="late"/>
      <endEvent id="end"/>
      ${flows('start', 'sub', 'end')}
      ${flows('timeout', 'late')}`));
    const id = await h.start('scoped');
    await h.advance(HOUR);
    expect(h.activeElements(id)).toEqual(['late']);
    expect(h.activities(id).filter((a) => a.canceled).map((a) => a.activityId).sort()).toEqual(['inner', 'sub']);
  });
});
