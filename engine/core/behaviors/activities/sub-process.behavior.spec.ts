import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';
import { toJsValue } from '../../variables/index.js';

async function deployed(...models: string[]): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(...models);
  return h;
}

/** a process: start -> sub (with `inner`) -> after (user task) -> end, plus `outer` elements */
function withSubProcess(inner: string, outer = '', roots = '', subAttributes = ''): string {
  return bpmn('p', `
    <startEvent id="start"/>
    <subProcess id="sub" ${subAttributes}>
      ${inner}
    </subProcess>
    <userTask id="after"/>
    <endEvent id="end"/>
    ${outer}
    ${flows('start', 'sub', 'after', 'end')}`, roots);
}

const errors = `<error id="creditError" errorCode="CREDIT_REJECTED" camunda:errorMessage="credit check failed"/><error id="otherError" errorCode="OTHER"/>`;

describe('embedded sub-process', () => {
  it('runs its inner flow as a scope and continues after it', async () => {
    const h = await deployed(withSubProcess(`
      <startEvent id="subStart"/>
      <userTask id="collectDocs"/>
      <endEvent id="subEnd"/>
      ${flows('subStart', 'collectDocs', 'subEnd')}`));
    const id = await h.start('p');

    // then the sub-process and its task are active
    expect(h.activeElements(id)).toEqual(['collectDocs', 'sub']);
    const sub = h.activities(id).find((a) => a.activityId === 'sub')!;
    const task = h.activities(id).find((a) => a.activityId === 'collectDocs')!;
    expect(task.parentActivityInstanceId).toBe(sub.id);
    expect(sub.activityType).toBe('subProcess');

    await h.complete(id, 'collectDocs');
    expect(h.path(id)).toEqual(['start', 'sub', 'subStart', 'collectDocs', 'subEnd', 'after']);
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('waits for every inner branch before completing', async () => {
    const h = await deployed(withSubProcess(`
      <startEvent id="subStart"/>
      <parallelGateway id="fork"/>
      <userTask id="a"/><endEvent id="endA"/>
      <userTask id="b"/><endEvent id="endB"/>
      ${flows('subStart', 'fork', 'a', 'endA')}
      ${flows('fork', 'b', 'endB')}`));
    const id = await h.start('p');
    await h.complete(id, 'a');
    expect(h.activeElements(id)).toEqual(['b', 'sub']);
    await h.complete(id, 'b');
    expect(h.activeElements(id)).toEqual(['after']);
  });

  describe('input/output mappings', () => {
    const mapped = withSubProcess(`
      <startEvent id="subStart"/>
      <userTask id="review" camunda:assignee="\${reviewer}"/>
      <endEvent id="subEnd"/>
      ${flows('subStart', 'review', 'subEnd')}`, '', '', '').replace('<subProcess id="sub" >', `<subProcess id="sub">
      <extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="reviewer">\${owner}</camunda:inputParameter>
        <camunda:inputParameter name="fullName">\${firstName} \${lastName}</camunda:inputParameter>
        <camunda:inputParameter name="channels"><camunda:list><camunda:value>email</camunda:value><camunda:value>\${preferred}</camunda:value></camunda:list></camunda:inputParameter>
        <camunda:inputParameter name="contact"><camunda:map><camunda:entry key="name">\${lastName}</camunda:entry><camunda:entry key="vip">\${amount > 1000}</camunda:entry></camunda:map></camunda:inputParameter>
        <camunda:inputParameter name="nothing"/>
        <camunda:outputParameter name="reviewResult">\${verdict}</camunda:outputParameter>
        <camunda:outputParameter name="summary"><camunda:map><camunda:entry key="by">\${reviewer}</camunda:entry><camunda:entry key="verdict">\${verdict}</camunda:entry></camunda:map></camunda:outputParameter>
      </camunda:inputOutput></extensionElements>`);

    it('input parameters become local variables of the sub-process (expressions, lists, maps, null)', async () => {
      const h = await deployed(mapped);
      const id = await h.start('p', { owner: 'mary', firstName: 'Ann', lastName: 'Lee', preferred: 'phone', amount: 5000 });

      const sub = [...h.store.elements.values()].find((e) => e.elementId === 'sub')!;
      const locals = Object.fromEntries([...h.store.variables.values()].filter((v) => v.scopeId === sub.id).map((v) => [v.name, toJsValue(v.value)]));
      expect(h.task(id, 'review').assignee).toBe('mary');
      expect(Object.keys(locals).sort()).toEqual(['channels', 'contact', 'fullName', 'nothing', 'reviewer']);
      expect(locals['fullName']).toBe('Ann Lee');
      expect(locals['nothing']).toBeNull();
      const visible = await h.engine.visibleVariables(id, sub.id);
      const js = (name: string) => toJsValue(visible.get(name)!);
      expect(js('channels')).toEqual(['email', 'phone']);
      expect(js('contact')).toEqual({ name: 'Lee', vip: true });
      // and they are not process variables
      expect(h.variable(id, 'reviewer')).toBeUndefined();
    });

    it('output parameters are written to the enclosing scope when the sub-process completes; the locals go', async () => {
      const h = await deployed(mapped);
      const id = await h.start('p', { owner: 'mary', firstName: 'Ann', lastName: 'Lee', preferred: 'phone', amount: 5 });
      await h.complete(id, 'review', { verdict: 'ok' });

      expect(h.variable(id, 'reviewResult')).toBe('ok');
      expect(h.variable(id, 'summary')).toEqual({ by: 'mary', verdict: 'ok' });
      const sub = h.activities(id).find((a) => a.activityId === 'sub')!;
      expect([...h.store.variables.values()].filter((v) => v.scopeId === sub.id)).toEqual([]);
      expect(h.variable(id, 'fullName')).toBeUndefined();
    });
  });

  describe('BPMN errors', () => {
    const failingCheck = (errorRef: string) => `
      <startEvent id="subStart"/>
      <exclusiveGateway id="ok" default="reject"/>
      <endEvent id="subEnd"/>
      <endEvent id="rejectedEnd"><errorEventDefinition errorRef="${errorRef}"/></endEvent>
      <userTask id="parallelWork"/>
      <parallelGateway id="fork"/>
      ${flows('subStart', 'fork', 'ok')}
      ${flows('fork', 'parallelWork')}
      <sequenceFlow id="accept" sourceRef="ok" targetRef="subEnd"><conditionExpression xsi:type="tFormalExpression">\${creditOk}</conditionExpression></sequenceFlow>
      <sequenceFlow id="reject" sourceRef="ok" targetRef="rejectedEnd"/>`;

    it('an error end event inside is caught by the error boundary event on the sub-process', async () => {
      const h = await deployed(withSubProcess(failingCheck('creditError'), `
        <boundaryEvent id="creditRejected" attachedToRef="sub">
          <errorEventDefinition errorRef="creditError" camunda:errorCodeVariable="errorCode" camunda:errorMessageVariable="errorMessage"/>
        </boundaryEvent>
        <userTask id="handleRejection"/>
        ${flows('creditRejected', 'handleRejection')}`, errors));

      const id = await h.start('p', { creditOk: false });

      // then the sub-process (and its parallel task) was cancelled and the boundary path taken
      expect(h.activeElements(id)).toEqual(['handleRejection']);
      expect(h.path(id)).toEqual(expect.arrayContaining(['rejectedEnd', 'creditRejected', 'handleRejection']));
      expect(h.path(id)).not.toContain('after');
      expect(h.variable(id, 'errorCode')).toBe('CREDIT_REJECTED');
      expect(h.variable(id, 'errorMessage')).toBe('credit check failed');
      expect(h.activities(id).find((a) => a.activityId === 'sub')?.canceled).toBe(true);
      expect(h.activities(id).find((a) => a.activityId === 'parallelWork')?.canceled).toBe(true);
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['handleRejection']);
    });

    it('a boundary for another error code does not catch it; a catch-all does', async () => {
      const h = await deployed(withSubProcess(failingCheck('creditError'), `
        <boundaryEvent id="otherCaught" attachedToRef="sub"><errorEventDefinition errorRef="otherError"/></boundaryEvent>
        <boundaryEvent id="anyError" attachedToRef="sub"><errorEventDefinition camunda:errorCodeVariable="caughtCode"/></boundaryEvent>
        <userTask id="other"/>
        <userTask id="generic"/>
        ${flows('otherCaught', 'other')}
        ${flows('anyError', 'generic')}`, errors));
      const id = await h.start('p', { creditOk: false });
      expect(h.activeElements(id)).toEqual(['generic']);
      expect(h.variable(id, 'caughtCode')).toBe('CREDIT_REJECTED');
    });

    it('a boundary whose error has no errorCode catches every error, as in Camunda 7 (regression)', async () => {
      const h = await deployed(withSubProcess(failingCheck('creditError'), `
        <boundaryEvent id="anyError" attachedToRef="sub"><errorEventDefinition errorRef="modelerDefault" camunda:errorCodeVariable="caughtCode"/></boundaryEvent>
        <userTask id="generic"/>
        ${flows('anyError', 'generic')}`, `${errors}<error id="modelerDefault" name="Error_0abc"/>`));
      const id = await h.start('p', { creditOk: false });
      expect(h.activeElements(id)).toEqual(['generic']);
      expect(h.variable(id, 'caughtCode')).toBe('CREDIT_REJECTED');
    });

    it('a specific error boundary wins over a catch-all on the same activity', async () => {
      const h = await deployed(withSubProcess(failingCheck('creditError'), `
        <boundaryEvent id="anyError" attachedToRef="sub"><errorEventDefinition/></boundaryEvent>
        <boundaryEvent id="specific" attachedToRef="sub"><errorEventDefinition errorRef="creditError"/></boundaryEvent>
        <userTask id="generic"/>
        <userTask id="handleCredit"/>
        ${flows('anyError', 'generic')}
        ${flows('specific', 'handleCredit')}`, errors));
      const id = await h.start('p', { creditOk: false });
      expect(h.activeElements(id)).toEqual(['handleCredit']);
    });

    it('an uncaught error end event behaves like a none end event', async () => {
      const h = await deployed(withSubProcess(failingCheck('creditError'), '', errors));
      const id = await h.start('p', { creditOk: false });

      // then the branch just ended; the sub-process waits for its other branch, then completes normally
      expect(h.activeElements(id)).toEqual(['parallelWork', 'sub']);
      await h.complete(id, 'parallelWork');
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.activities(id).find((a) => a.activityId === 'sub')?.canceled).toBe(false);
      expect(h.state(id)).toBe('ACTIVE');
    });

    it('an error event sub-process in the sub-process catches the error and replaces the scope', async () => {
      const h = await deployed(withSubProcess(`${failingCheck('creditError')}
        <subProcess id="onError" triggeredByEvent="true">
          <startEvent id="errorStart"><errorEventDefinition errorRef="creditError" camunda:errorCodeVariable="code"/></startEvent>
          <userTask id="explain"/>
          <endEvent id="errorHandled"/>
          ${flows('errorStart', 'explain', 'errorHandled')}
        </subProcess>`, '', errors));
      const id = await h.start('p', { creditOk: false });

      expect(h.activeElements(id)).toEqual(['explain', 'onError', 'sub']);
      expect(h.activities(id).find((a) => a.activityId === 'parallelWork')?.canceled).toBe(true);

      // when the handler finishes, the sub-process completes normally and the parent continues
      await h.complete(id, 'explain');
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.activities(id).find((a) => a.activityId === 'sub')?.canceled).toBe(false);
    });
  });

  describe('escalations', () => {
    const escalation = `<escalation id="esc" escalationCode="NEEDS_MANAGER"/>`;
    const escalatingInner = `
      <startEvent id="subStart"/>
      <task id="assess"/>
      <endEvent id="escalated"><escalationEventDefinition escalationRef="esc"/></endEvent>
      ${flows('subStart', 'assess', 'escalated')}`;

    it('an escalation end event caught by a non-interrupting boundary: the boundary path starts AND the sub-process completes', async () => {
      const h = await deployed(withSubProcess(escalatingInner, `
        <boundaryEvent id="toManager" attachedToRef="sub" cancelActivity="false">
          <escalationEventDefinition escalationRef="esc" camunda:escalationCodeVariable="escCode"/>
        </boundaryEvent>
        <userTask id="informManager"/>
        ${flows('toManager', 'informManager')}`, escalation));

      const id = await h.start('p');

      expect(h.activeElements(id)).toEqual(['after', 'informManager']);
      expect(h.activities(id).find((a) => a.activityId === 'sub')?.canceled).toBe(false);
      expect(h.activities(id).find((a) => a.activityId === 'escalated')?.canceled).toBe(false);
      expect(h.variable(id, 'escCode')).toBe('NEEDS_MANAGER');
    });

    it('an interrupting escalation boundary cancels the sub-process', async () => {
      const h = await deployed(withSubProcess(`
        <startEvent id="subStart"/>
        <parallelGateway id="fork"/>
        <userTask id="keepWorking"/>
        <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="esc"/></intermediateThrowEvent>
        <userTask id="afterRaise"/>
        ${flows('subStart', 'fork', 'keepWorking')}
        ${flows('fork', 'raise', 'afterRaise')}`, `
        <boundaryEvent id="toManager" attachedToRef="sub"><escalationEventDefinition escalationRef="esc"/></boundaryEvent>
        <userTask id="managerTakesOver"/>
        ${flows('toManager', 'managerTakesOver')}`, escalation));

      const id = await h.start('p');

      expect(h.activeElements(id)).toEqual(['managerTakesOver']);
      expect(h.activities(id).find((a) => a.activityId === 'sub')?.canceled).toBe(true);
      expect(h.activities(id).find((a) => a.activityId === 'keepWorking')?.canceled).toBe(true);
      expect(h.path(id)).not.toContain('afterRaise');
      expect(h.path(id)).not.toContain('after');
    });

    it('an uncaught escalation is ignored', async () => {
      const h = await deployed(withSubProcess(escalatingInner, '', escalation));
      const id = await h.start('p');
      expect(h.activeElements(id)).toEqual(['after']);
    });
  });
});
