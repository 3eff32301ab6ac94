import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';

/**
 * Which catchers a thrown signal, escalation or error reaches, from inside embedded sub-processes,
 * event sub-processes, multi-instance bodies and called processes, and in which order (Camunda 7):
 * - a signal reaches every catcher waiting when it is thrown (in this and other instances,
 *   subscriptions created earlier in the same command included), before the thrower moves on;
 *   a catcher that starts waiting after the throw does not get it;
 * - an escalation or error goes to the nearest catcher walking outwards: the event sub-processes
 *   of the innermost scope, then the boundary events of that scope, then the next scope outwards,
 *   then the calling process; an event sub-process never catches what was thrown inside itself.
 */

const roots = `
  <signal id="sig" name="alarm"/>
  <escalation id="late" escalationCode="LATE"/>
  <escalation id="other" escalationCode="OTHER"/>
  <error id="failed" errorCode="FAILED"/>
  <error id="second" errorCode="SECOND"/>`;
const signalDef = `<signalEventDefinition signalRef="sig"/>`;

type ThrowKind = 'intermediate' | 'end';

/** `go` (a user task), then the thrower `shout`; after an intermediate throw event comes `afterShout` */
function signalThrower(kind: ThrowKind): string {
  return kind === 'intermediate'
    ? `<userTask id="go"/><intermediateThrowEvent id="shout">${signalDef}</intermediateThrowEvent><userTask id="afterShout"/>${flows('go', 'shout', 'afterShout')}`
    : `<userTask id="go"/><endEvent id="shout">${signalDef}</endEvent>${flows('go', 'shout')}`;
}

/** a sub-process running the thrower next to `stay`, a user task that keeps it alive */
function subProcess(id: string, kind: ThrowKind, extra = ''): string {
  return `<subProcess id="${id}">
    <startEvent id="${id}Start"/><parallelGateway id="${id}Fork"/><userTask id="stay"/>
    ${signalThrower(kind)}
    ${flows(`${id}Start`, `${id}Fork`, 'go')}
    ${flows(`${id}Fork`, 'stay')}
    ${extra}
  </subProcess>`;
}

/** a sub-process wrapping `content` (one element `inner`) */
function wrapper(id: string, content: string, innerId: string): string {
  return `<subProcess id="${id}"><startEvent id="${id}Start"/>${content}<endEvent id="${id}End"/>${flows(`${id}Start`, innerId, `${id}End`)}</subProcess>`;
}

function eventSubProcess(id: string, definition: string, interrupting: boolean, body = `<userTask id="${id}Task"/>${flows(`${id}Start`, `${id}Task`)}`): string {
  return `<subProcess id="${id}" triggeredByEvent="true"><startEvent id="${id}Start" isInterrupting="${interrupting}">${definition}</startEvent>${body}</subProcess>`;
}

function boundary(id: string, attachedTo: string, definition: string, interrupting: boolean, then = `${id}Task`): string {
  return `<boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">${definition}</boundaryEvent><userTask id="${then}"/>${flows(id, then)}`;
}

const catchEvent = (id: string) => `<intermediateCatchEvent id="${id}">${signalDef}</intermediateCatchEvent>`;

/** the elements holding tokens after the signal, plus `afterShout` if the thrower was an intermediate throw event */
const withThrower = (kind: ThrowKind, elements: string[]) => (kind === 'intermediate' ? [...elements, 'afterShout'] : elements).sort();

/** nothing half done: every activity still open in history holds a token, and the other way round */
function expectConsistent(h: EngineHarness, id: string): void {
  const open = h.activities(id).filter((a) => a.endTime === null).map((a) => a.activityId).sort();
  expect(open).toEqual(h.activeElements(id));
  for (const subscription of h.store.subscriptions.values()) {
    if (subscription.processInstanceId !== id) continue;
    expect(h.store.elements.has(subscription.elementInstanceId!)).toBe(true);
  }
}

const signalSubscriptions = (h: EngineHarness, id: string) =>
  [...h.store.subscriptions.values()].filter((s) => s.processInstanceId === id && s.type === 'signal').map((s) => s.activityId).sort();

const times = (h: EngineHarness, id: string, activityId: string) => h.path(id).filter((a) => a === activityId).length;

async function run(xml: string, ...more: string[]): Promise<{ h: EngineHarness; id: string }> {
  const h = new EngineHarness();
  await h.deploy(xml, ...more);
  const id = await h.start('p', { heardTimes: 0 });
  return { h, id };
}

describe('feature: event scopes', () => {
  describe.each(['intermediate', 'end'] as const)('a signal thrown by an %s event inside an embedded sub-process', (kind) => {
    it('(a) reaches a catch event waiting in a parallel branch of the same sub-process', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        ${subProcess('sub', kind, `${catchEvent('heard')}<userTask id="reacted"/>${flows('subFork', 'heard', 'reacted')}`)}
        <endEvent id="done"/>
        ${flows('start', 'sub', 'done')}`, roots));
      expect(h.activeElements(id)).toEqual(['go', 'heard', 'stay', 'sub']);

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(withThrower(kind, ['reacted', 'stay', 'sub']));
      expect(signalSubscriptions(h, id)).toEqual([]);
      expectConsistent(h, id);
    });

    it('(b) reaches a catch event waiting in a parallel branch of the parent scope', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/><parallelGateway id="fork"/>
        ${subProcess('sub', kind)}
        ${catchEvent('heard')}<userTask id="reacted"/>
        ${flows('start', 'fork', 'sub')}
        ${flows('fork', 'heard', 'reacted')}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(withThrower(kind, ['reacted', 'stay', 'sub']));
      expectConsistent(h, id);
    });

    it('(c) an interrupting signal boundary event on the sub-process cancels it and takes its path', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        ${subProcess('sub', kind)}
        ${boundary('caught', 'sub', signalDef, true)}
        <endEvent id="done"/>
        ${flows('start', 'sub', 'done')}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(['caughtTask']);
      // the thrower did not move on: the boundary event cancelled it with its sub-process
      expect(h.path(id)).not.toContain('afterShout');
      expect(h.activities(id).find((a) => a.activityId === 'stay')?.canceled).toBe(true);
      expect(signalSubscriptions(h, id)).toEqual([]);
      expectConsistent(h, id);
    });

    it('(c) a non-interrupting signal boundary event on the sub-process runs its path once; both continue', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        ${subProcess('sub', kind)}
        ${boundary('caught', 'sub', signalDef, false)}
        <endEvent id="done"/>
        ${flows('start', 'sub', 'done')}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(withThrower(kind, ['caughtTask', 'stay', 'sub']));
      expect(times(h, id, 'caught')).toBe(1);
      expect(signalSubscriptions(h, id)).toEqual(['caught']);
      expectConsistent(h, id);
    });

    it.each([true, false])('(d) a signal boundary event two levels up catches it (interrupting: %s)', async (interrupting) => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        ${wrapper('outer', wrapper('middle', subProcess('sub', kind), 'sub'), 'middle')}
        ${boundary('caught', 'outer', signalDef, interrupting)}
        <endEvent id="done"/>
        ${flows('start', 'outer', 'done')}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(interrupting ? ['caughtTask'] : withThrower(kind, ['caughtTask', 'middle', 'outer', 'stay', 'sub']));
      expect(times(h, id, 'caught')).toBe(1);
      expectConsistent(h, id);
    });

    it('(e) an interrupting signal event sub-process inside the sub-process replaces its content', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        ${subProcess('sub', kind, eventSubProcess('esp', signalDef, true))}
        <endEvent id="done"/>
        ${flows('start', 'sub', 'done')}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(['esp', 'espTask', 'sub']);
      expect(h.path(id)).not.toContain('afterShout');
      expect(signalSubscriptions(h, id)).toEqual([]);
      expectConsistent(h, id);

      await h.complete(id, 'espTask');
      expect(h.state(id)).toBe('COMPLETED');
    });

    it('(e) a non-interrupting signal event sub-process inside the sub-process runs once next to it', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        ${subProcess('sub', kind, eventSubProcess('esp', signalDef, false))}
        <endEvent id="done"/>
        ${flows('start', 'sub', 'done')}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(withThrower(kind, ['esp', 'espTask', 'stay', 'sub']));
      expect(times(h, id, 'esp')).toBe(1);
      expectConsistent(h, id);
    });

    it('(f) an interrupting signal event sub-process at process level cancels everything, the throw included', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        ${subProcess('sub', kind)}
        <endEvent id="done"/>
        ${flows('start', 'sub', 'done')}
        ${eventSubProcess('esp', signalDef, true)}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(['esp', 'espTask']);
      expect(h.path(id)).not.toContain('afterShout');
      expect(h.activities(id).filter((a) => ['sub', 'stay'].includes(a.activityId)).map((a) => a.canceled)).toEqual([true, true]);
      expect(signalSubscriptions(h, id)).toEqual([]);
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['espTask']);
      expectConsistent(h, id);

      await h.complete(id, 'espTask');
      expect(h.state(id)).toBe('COMPLETED');
    });

    it('(f) a non-interrupting signal event sub-process at process level runs once; a catcher of the thrower is not fired twice', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/><parallelGateway id="fork"/>
        ${subProcess('sub', kind)}
        ${catchEvent('heard')}<userTask id="reacted"/>
        ${flows('start', 'fork', 'sub')}
        ${flows('fork', 'heard', 'reacted')}
        ${eventSubProcess('esp', signalDef, false)}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(withThrower(kind, ['esp', 'espTask', 'reacted', 'stay', 'sub']));
      expect([times(h, id, 'esp'), times(h, id, 'heard'), times(h, id, 'reacted')]).toEqual([1, 1, 1]);
      expect(signalSubscriptions(h, id)).toEqual(['espStart']);
      expectConsistent(h, id);
    });

    it('(g) reaches the catchers of other instances, once each', async () => {
      const listener = bpmn('listener', `
        <startEvent id="start"/><parallelGateway id="fork"/>
        ${catchEvent('heard')}<userTask id="reacted"/>
        <userTask id="work"/>
        ${boundary('nudged', 'work', signalDef, false)}
        ${flows('start', 'fork', 'heard', 'reacted')}
        ${flows('fork', 'work')}`, roots);
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        ${subProcess('sub', kind)}
        ${flows('start', 'sub')}`, roots), listener);
      const other = await h.start('listener');

      await h.complete(id, 'go');

      expect(h.activeElements(other)).toEqual(['nudgedTask', 'reacted', 'work']);
      expect(times(h, other, 'nudged')).toBe(1);
      expectConsistent(h, other);
    });
  });

  describe('a signal and catchers that start waiting in the same command', () => {
    it('(h) a catch event that subscribed earlier in the command gets it', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/><parallelGateway id="fork"/>
        ${catchEvent('heard')}<userTask id="reacted"/>
        <subProcess id="sub"><startEvent id="subStart"/><intermediateThrowEvent id="shout">${signalDef}</intermediateThrowEvent><userTask id="afterShout"/>${flows('subStart', 'shout', 'afterShout')}</subProcess>
        ${flows('start', 'fork', 'heard', 'reacted')}
        ${flows('fork', 'sub')}`, roots));

      expect(h.activeElements(id)).toEqual(['afterShout', 'reacted', 'sub']);
      expectConsistent(h, id);
    });

    it('(h) a catch event that starts waiting after the throw, in the same command, does not get it (as in Camunda 7)', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/><parallelGateway id="fork"/>
        <intermediateThrowEvent id="shout">${signalDef}</intermediateThrowEvent><userTask id="afterShout"/>
        <manualTask id="prepare"/>${catchEvent('heard')}<userTask id="reacted"/>
        ${flows('start', 'fork', 'shout', 'afterShout')}
        ${flows('fork', 'prepare', 'heard', 'reacted')}`, roots));

      expect(h.activeElements(id)).toEqual(['afterShout', 'heard']);
      expect(signalSubscriptions(h, id)).toEqual(['heard']);

      // it waits for the next one
      expect(await h.engine.signal('alarm', new Map())).toBe(1);
      expect(h.activeElements(id)).toEqual(['afterShout', 'reacted']);
    });

    it('(h) a called instance started earlier in the command gets it; one started after the throw does not', async () => {
      const child = bpmn('child', `<startEvent id="start"/>${catchEvent('heard')}<userTask id="reacted"/>${flows('start', 'heard', 'reacted')}`, roots);
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/><parallelGateway id="fork"/>
        <callActivity id="before" calledElement="child"/>
        <manualTask id="prepare"/><intermediateThrowEvent id="shout">${signalDef}</intermediateThrowEvent>
        <callActivity id="after" calledElement="child"/>
        ${flows('start', 'fork', 'before')}
        ${flows('fork', 'prepare', 'shout', 'after')}`, roots), child);

      const called = (activityId: string) => h.activities(id).find((a) => a.activityId === activityId)!.calledProcessInstanceId!;
      expect(h.activeElements(called('before'))).toEqual(['reacted']);
      expect(h.activeElements(called('after'))).toEqual(['heard']);
    });

    it('(h) an instance called two levels down earlier in the command gets it too', async () => {
      const child = bpmn('child', `<startEvent id="start"/>${catchEvent('heard')}<userTask id="reacted"/>${flows('start', 'heard', 'reacted')}`, roots);
      const middle = bpmn('middle', `<startEvent id="start"/><callActivity id="callChild" calledElement="child"/>${flows('start', 'callChild')}`, roots);
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/><parallelGateway id="fork"/>
        <callActivity id="callMiddle" calledElement="middle"/>
        <manualTask id="prepare"/><intermediateThrowEvent id="shout">${signalDef}</intermediateThrowEvent><userTask id="afterShout"/>
        ${flows('start', 'fork', 'callMiddle')}
        ${flows('fork', 'prepare', 'shout', 'afterShout')}`, roots), middle, child);

      const middleId = h.activities(id).find((a) => a.activityId === 'callMiddle')!.calledProcessInstanceId!;
      const childId = h.activities(middleId).find((a) => a.activityId === 'callChild')!.calledProcessInstanceId!;
      expect(h.activeElements(childId)).toEqual(['reacted']);
    });

    it('two throws in one command reach a catch event once: it stops waiting when the first arrives', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/><parallelGateway id="fork"/>
        <intermediateCatchEvent id="heard">
          <extensionElements><camunda:inputOutput><camunda:outputParameter name="heardTimes">\${heardTimes + 1}</camunda:outputParameter></camunda:inputOutput></extensionElements>
          ${signalDef}
        </intermediateCatchEvent>
        <userTask id="reacted"/>
        <manualTask id="prepare"/><parallelGateway id="split"/>
        <intermediateThrowEvent id="shout1">${signalDef}</intermediateThrowEvent>
        <intermediateThrowEvent id="shout2">${signalDef}</intermediateThrowEvent>
        <userTask id="after1"/><userTask id="after2"/>
        ${flows('start', 'fork', 'heard', 'reacted')}
        ${flows('fork', 'prepare', 'split', 'shout1', 'after1')}
        ${flows('split', 'shout2', 'after2')}`, roots));

      expect(h.activeElements(id)).toEqual(['after1', 'after2', 'reacted']);
      expect(times(h, id, 'reacted')).toBe(1);
      expect(h.variable(id, 'heardTimes')).toBe(1);
      expectConsistent(h, id);
    });
  });

  describe('escalations walk outwards: event sub-process of a scope, then its boundary events, then the next scope', () => {
    type Where = 'innerEsp' | 'innerBoundary' | 'outerEsp' | 'outerBoundary' | 'processEsp';
    const order: Where[] = ['innerEsp', 'innerBoundary', 'outerEsp', 'outerBoundary', 'processEsp'];

    function escalationModel(catchers: Partial<Record<Where, string>>, interrupting: boolean, kind: ThrowKind = 'intermediate'): string {
      const escalate = catchers;
      const def = (where: Where) => `<escalationEventDefinition${escalate[where] ? ` escalationRef="${escalate[where]}"` : ''}/>`;
      const has = (where: Where) => where in escalate;
      const thrower = kind === 'intermediate'
        ? `<intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late"/></intermediateThrowEvent><userTask id="afterRaise"/>${flows('go', 'raise', 'afterRaise')}`
        : `<endEvent id="raise"><escalationEventDefinition escalationRef="late"/></endEvent>${flows('go', 'raise')}`;
      const inner = `<subProcess id="inner">
          <startEvent id="innerStart"/><parallelGateway id="innerFork"/><userTask id="stay"/><userTask id="go"/>${thrower}
          ${flows('innerStart', 'innerFork', 'go')}${flows('innerFork', 'stay')}
          ${has('innerEsp') ? eventSubProcess('innerEsp', def('innerEsp'), interrupting) : ''}
        </subProcess>
        ${has('innerBoundary') ? boundary('innerBoundary', 'inner', def('innerBoundary'), interrupting) : ''}`;
      const outer = `<subProcess id="outer">
          <startEvent id="outerStart"/>${inner}<endEvent id="outerEnd"/>${flows('outerStart', 'inner', 'outerEnd')}
          ${has('outerEsp') ? eventSubProcess('outerEsp', def('outerEsp'), interrupting) : ''}
        </subProcess>
        ${has('outerBoundary') ? boundary('outerBoundary', 'outer', def('outerBoundary'), interrupting) : ''}`;
      return bpmn('p', `
        <startEvent id="start"/>${outer}<endEvent id="done"/>${flows('start', 'outer', 'done')}
        ${has('processEsp') ? eventSubProcess('processEsp', def('processEsp'), interrupting) : ''}`, roots);
    }

    const handlerTasks = (h: EngineHarness, id: string) => h.tasks(id).map((t) => t.taskDefinitionKey!).filter((k) => k.endsWith('Task')).sort();

    describe.each([true, false])('interrupting: %s', (interrupting) => {
      it.each(order)('with catchers from %s outwards, that one catches it', async (first) => {
        const catchers = Object.fromEntries(order.slice(order.indexOf(first)).map((where) => [where, 'late']));
        const { h, id } = await run(escalationModel(catchers, interrupting));

        await h.complete(id, 'go');

        expect(handlerTasks(h, id)).toEqual([`${first}Task`]);
        expect(h.tasks(id).some((t) => t.taskDefinitionKey === 'afterRaise')).toBe(!interrupting);
        expectConsistent(h, id);
      });
    });

    it('a catcher for another code is passed over; a catch-all further out takes it', async () => {
      const { h, id } = await run(escalationModel({ innerEsp: 'other', innerBoundary: 'other', outerEsp: '' }, true));
      await h.complete(id, 'go');
      expect(handlerTasks(h, id)).toEqual(['outerEspTask']);
      expect(h.activeElements(id)).toEqual(['outer', 'outerEsp', 'outerEspTask']);
    });

    it('within one scope, a catch-all event sub-process comes before a boundary event with the code', async () => {
      const { h, id } = await run(escalationModel({ innerEsp: '', innerBoundary: 'late' }, true));
      await h.complete(id, 'go');
      expect(handlerTasks(h, id)).toEqual(['innerEspTask']);
    });

    it('an escalation end event is caught the same way', async () => {
      const { h, id } = await run(escalationModel({ innerBoundary: 'late', outerBoundary: 'late' }, false, 'end'));
      await h.complete(id, 'go');
      expect(handlerTasks(h, id)).toEqual(['innerBoundaryTask']);
      expect(h.activeElements(id)).toEqual(['inner', 'innerBoundaryTask', 'outer', 'stay']);
    });

    it('an escalation thrown inside an event sub-process passes it over and reaches the boundary event of its scope', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        <subProcess id="sub"><startEvent id="subStart"/><parallelGateway id="subFork"/><userTask id="stay"/><userTask id="go"/>
          <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late"/></intermediateThrowEvent><userTask id="afterRaise"/>
          ${flows('subStart', 'subFork', 'go', 'raise', 'afterRaise')}${flows('subFork', 'stay')}
          ${eventSubProcess('relay', '<escalationEventDefinition/>', false, `<intermediateThrowEvent id="relayRaise"><escalationEventDefinition escalationRef="other"/></intermediateThrowEvent><userTask id="relayTask"/>${flows('relayStart', 'relayRaise', 'relayTask')}`)}
        </subProcess>
        ${boundary('onOther', 'sub', '<escalationEventDefinition escalationRef="other"/>', false)}
        ${flows('start', 'sub')}`, roots));

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(['afterRaise', 'onOtherTask', 'relay', 'relayTask', 'stay', 'sub']);
      expect([times(h, id, 'relay'), times(h, id, 'onOther')]).toEqual([1, 1]);
    });

    it('uncaught, it is ignored and the thrower continues', async () => {
      const { h, id } = await run(escalationModel({ innerEsp: 'other' }, true));
      await h.complete(id, 'go');
      expect(h.activeElements(id)).toEqual(['afterRaise', 'inner', 'outer', 'stay']);
      expect(h.state(id)).toBe('ACTIVE');
    });

    describe('from a called process', () => {
      const child = (extra = '') => bpmn('child', `
        <startEvent id="start"/><userTask id="go"/>
        <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late"/></intermediateThrowEvent>
        <userTask id="childAfter"/>
        ${flows('start', 'go', 'raise', 'childAfter')}${extra}`, roots);
      const parent = (interrupting: boolean) => bpmn('p', `
        <startEvent id="start"/>
        <subProcess id="outer"><startEvent id="outerStart"/><callActivity id="call" calledElement="child"/><endEvent id="outerEnd"/>${flows('outerStart', 'call', 'outerEnd')}</subProcess>
        ${boundary('onLate', 'outer', '<escalationEventDefinition escalationRef="late"/>', interrupting)}
        ${flows('start', 'outer')}`, roots);
      const calledOf = (h: EngineHarness, id: string) => h.activities(id).find((a) => a.activityId === 'call')!.calledProcessInstanceId!;

      it('an interrupting catcher in the caller cancels the call activity and the called instance, before the thrower moves on', async () => {
        const { h, id } = await run(parent(true), child());
        const called = calledOf(h, id);
        await h.complete(called, 'go');
        expect(h.activeElements(id)).toEqual(['onLateTask']);
        expect(h.state(called)).toBe('INTERNALLY_TERMINATED');
        expect(h.path(called)).not.toContain('childAfter');
        expectConsistent(h, called);
      });

      it('a non-interrupting catcher in the caller lets both continue', async () => {
        const { h, id } = await run(parent(false), child());
        const called = calledOf(h, id);
        await h.complete(called, 'go');
        expect(h.activeElements(id)).toEqual(['call', 'onLateTask', 'outer']);
        expect(h.activeElements(called)).toEqual(['childAfter']);
      });

      it('uncaught by the caller, it goes on up to the caller\'s caller; the thrower moves on', async () => {
        const top = bpmn('top', `
          <startEvent id="start"/><callActivity id="callP" calledElement="p"/>${flows('start', 'callP')}
          ${boundary('onLateTop', 'callP', '<escalationEventDefinition escalationRef="late"/>', false)}`, roots);
        const h = new EngineHarness();
        await h.deploy(top, bpmn('p', `<startEvent id="start"/><callActivity id="call" calledElement="child"/>${flows('start', 'call')}`, roots), child());
        const topId = await h.start('top', { heardTimes: 0 });
        const id = h.activities(topId).find((a) => a.activityId === 'callP')!.calledProcessInstanceId!;
        const called = calledOf(h, id);

        await h.complete(called, 'go');

        expect(h.activeElements(topId)).toEqual(['callP', 'onLateTopTask']);
        expect(h.activeElements(called)).toEqual(['childAfter']);
      });

      it('an escalation end event in the called process waits for the caller too', async () => {
        const endingChild = bpmn('child', `
          <startEvent id="start"/><userTask id="go"/>
          <endEvent id="raise"><escalationEventDefinition escalationRef="late"/></endEvent>
          ${flows('start', 'go', 'raise')}`, roots);
        const { h, id } = await run(parent(true), endingChild);
        const called = calledOf(h, id);
        await h.complete(called, 'go');
        expect(h.activeElements(id)).toEqual(['onLateTask']);
        expect(h.state(called)).toBe('INTERNALLY_TERMINATED');
        expect(h.activities(called).find((a) => a.activityId === 'raise')?.canceled).toBe(true);
      });

      it('a catcher inside the called process comes first', async () => {
        const { h, id } = await run(parent(true), child(eventSubProcess('childEsp', '<escalationEventDefinition/>', false)));
        const called = calledOf(h, id);
        await h.complete(called, 'go');
        expect(h.activeElements(id)).toEqual(['call', 'outer']);
        expect(h.activeElements(called)).toEqual(['childAfter', 'childEsp', 'childEspTask']);
      });
    });
  });

  describe('errors walk outwards the same way', () => {
    const errorDef = (code: string | null) => `<errorEventDefinition${code ? ` errorRef="${code}"` : ''}/>`;
    const failing = `<userTask id="go"/><endEvent id="fail">${errorDef('failed')}</endEvent>${flows('go', 'fail')}`;

    it.each([
      ['innerEsp', ['innerEsp', 'innerBoundary', 'outerBoundary', 'processEsp']],
      ['innerBoundary', ['innerBoundary', 'outerEsp', 'processEsp']],
      ['outerEsp', ['outerEsp', 'outerBoundary', 'processEsp']],
      ['outerBoundary', ['outerBoundary', 'processEsp']],
      ['processEsp', ['processEsp']],
    ])('%s catches it first', async (expected, present) => {
      const has = (where: string) => present.includes(where);
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        <subProcess id="outer"><startEvent id="outerStart"/>
          <subProcess id="inner"><startEvent id="innerStart"/><parallelGateway id="innerFork"/><userTask id="stay"/>${failing}
            ${flows('innerStart', 'innerFork', 'go')}${flows('innerFork', 'stay')}
            ${has('innerEsp') ? eventSubProcess('innerEsp', errorDef(null), true) : ''}
          </subProcess>
          ${has('innerBoundary') ? boundary('innerBoundary', 'inner', errorDef('failed'), true) : ''}
          <endEvent id="outerEnd"/>${flows('outerStart', 'inner', 'outerEnd')}
          ${has('outerEsp') ? eventSubProcess('outerEsp', errorDef('failed'), true) : ''}
        </subProcess>
        ${has('outerBoundary') ? boundary('outerBoundary', 'outer', errorDef(null), true) : ''}
        <endEvent id="done"/>${flows('start', 'outer', 'done')}
        ${has('processEsp') ? eventSubProcess('processEsp', errorDef(null), true) : ''}`, roots));

      await h.complete(id, 'go');

      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual([`${expected}Task`]);
      expectConsistent(h, id);
    });

    it('within one scope, a boundary event with the code comes before a catch-all one', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        <subProcess id="sub"><startEvent id="subStart"/>${failing}${flows('subStart', 'go')}</subProcess>
        ${boundary('anyError', 'sub', errorDef(null), true)}
        ${boundary('thisError', 'sub', errorDef('failed'), true)}
        ${flows('start', 'sub')}`, roots));
      await h.complete(id, 'go');
      expect(h.activeElements(id)).toEqual(['thisErrorTask']);
    });

    it('from inside a multi-instance sub-process, the boundary event of the multi-instance activity catches it', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        <subProcess id="each">
          <multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>
          <startEvent id="eachStart"/>${failing}${flows('eachStart', 'go')}
        </subProcess>
        ${boundary('caught', 'each', errorDef('failed'), true)}
        ${flows('start', 'each')}`, roots));
      expect(h.tasks(id)).toHaveLength(2);

      await h.complete(id, 'go');

      expect(h.activeElements(id)).toEqual(['caughtTask']);
      expectConsistent(h, id);
    });

    it('from a called instance: a catcher inside it first, else the caller\'s', async () => {
      const child = (extra: string) => bpmn('child', `<startEvent id="start"/>${failing}${flows('start', 'go')}${extra}`, roots);
      const parent = bpmn('p', `
        <startEvent id="start"/><callActivity id="call" calledElement="child"/>${flows('start', 'call')}
        ${boundary('caught', 'call', errorDef('failed'), true)}`, roots);

      const withoutInner = await run(parent, child(''));
      const calledA = withoutInner.h.activities(withoutInner.id).find((a) => a.activityId === 'call')!.calledProcessInstanceId!;
      await withoutInner.h.complete(calledA, 'go');
      expect(withoutInner.h.activeElements(withoutInner.id)).toEqual(['caughtTask']);
      expect(withoutInner.h.state(calledA)).toBe('INTERNALLY_TERMINATED');

      const withInner = await run(parent, child(eventSubProcess('childEsp', errorDef(null), true)));
      const calledB = withInner.h.activities(withInner.id).find((a) => a.activityId === 'call')!.calledProcessInstanceId!;
      await withInner.h.complete(calledB, 'go');
      expect(withInner.h.activeElements(withInner.id)).toEqual(['call']);
      expect(withInner.h.activeElements(calledB)).toEqual(['childEsp', 'childEspTask']);
    });

    it('an error thrown inside an event sub-process is not caught by that event sub-process, but by a sibling one', async () => {
      const rethrowing = eventSubProcess('handler', errorDef('failed'), true, `<endEvent id="rethrow">${errorDef('failed')}</endEvent>${flows('handlerStart', 'rethrow')}`);
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        <subProcess id="sub"><startEvent id="subStart"/>${failing}${flows('subStart', 'go')}
          ${rethrowing}
          ${eventSubProcess('fallback', errorDef(null), true)}
        </subProcess>
        ${boundary('caught', 'sub', errorDef(null), true)}
        ${flows('start', 'sub')}`, roots));

      await h.complete(id, 'go');

      expect(h.path(id)).toContain('rethrow');
      expect(h.activeElements(id)).toEqual(['fallback', 'fallbackTask', 'sub']);
      expectConsistent(h, id);
    });

    it('an error thrown inside an event sub-process with no sibling catcher goes to the boundary event of its scope', async () => {
      const rethrowing = eventSubProcess('handler', errorDef(null), true, `<endEvent id="rethrow">${errorDef('failed')}</endEvent>${flows('handlerStart', 'rethrow')}`);
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        <subProcess id="sub"><startEvent id="subStart"/>${failing}${flows('subStart', 'go')}${rethrowing}</subProcess>
        ${boundary('caught', 'sub', errorDef(null), true)}
        ${flows('start', 'sub')}`, roots));

      await h.complete(id, 'go');

      expect(h.path(id)).toContain('rethrow');
      expect(h.activeElements(id)).toEqual(['caughtTask']);
      expectConsistent(h, id);
    });

    it('uncaught, an error end event ends its path like a none end event (as before)', async () => {
      const { h, id } = await run(bpmn('p', `
        <startEvent id="start"/>
        <subProcess id="sub"><startEvent id="subStart"/>${failing}${flows('subStart', 'go')}</subProcess>
        <userTask id="next"/>${flows('start', 'sub', 'next')}`, roots));
      await h.complete(id, 'go');
      expect(h.activeElements(id)).toEqual(['next']);
    });
  });
});
