import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

/** the called process: a credit check waiting in a user task, optionally failing with an error */
function creditCheck(label = 'v1'): string {
  return bpmn('creditCheck', `
    <startEvent id="checkStart"/>
    <userTask id="check" name="${label}"/>
    <exclusiveGateway id="passed" default="ok"/>
    <endEvent id="checkEnd"/>
    <endEvent id="checkFailed"><errorEventDefinition errorRef="e"/></endEvent>
    ${flows('checkStart', 'check', 'passed')}
    <sequenceFlow id="ok" sourceRef="passed" targetRef="checkEnd"/>
    <sequenceFlow id="failed" sourceRef="passed" targetRef="checkFailed"><conditionExpression xsi:type="tFormalExpression">\${rejected}</conditionExpression></sequenceFlow>`,
  `<error id="e" errorCode="CREDIT_REJECTED"/>`);
}

function caller(callAttributes: string, mappings = '', extra = ''): string {
  return bpmn('deal', `
    <startEvent id="start"/>
    <callActivity id="callCheck" ${callAttributes}>
      <extensionElements>${mappings}</extensionElements>
    </callActivity>
    <userTask id="after"/>
    <endEvent id="end"/>
    ${flows('start', 'callCheck', 'after', 'end')}
    ${extra}`, `<error id="e" errorCode="CREDIT_REJECTED"/>`);
}

function calledInstanceOf(h: EngineHarness, callerId: string): string {
  const activity = h.activities(callerId).find((a) => a.activityId === 'callCheck')!;
  expect(activity.calledProcessInstanceId).toBeTruthy();
  return activity.calledProcessInstanceId!;
}

describe('call activity', () => {
  it('starts the called process and waits until it completes', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), caller('calledElement="creditCheck"'));
    const id = await h.start('deal', { rejected: false });

    const called = calledInstanceOf(h, id);
    expect(h.activeElements(id)).toEqual(['callCheck']);
    expect(h.historicInstance(called)).toMatchObject({ superInstanceId: id, rootInstanceId: id, state: 'ACTIVE', definitionKey: 'creditCheck' });
    // without mappings nothing is passed
    expect(h.variable(called, 'rejected')).toBeUndefined();

    await h.complete(called, 'check', { rejected: false });

    expect(h.state(called)).toBe('COMPLETED');
    expect(h.activeElements(id)).toEqual(['after']);
  });

  it('camunda:in passes source/target, sourceExpression and the business key; camunda:out maps back', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), caller('calledElement="creditCheck"', `
      <camunda:in source="amount" target="requestedAmount"/>
      <camunda:in sourceExpression="\${amount * 2}" target="limit"/>
      <camunda:in businessKey="deal-\${dealNo}"/>
      <camunda:out source="score" target="creditScore"/>
      <camunda:out sourceExpression="\${score > 600}" target="creditOk"/>`));

    const id = await h.start('deal', { amount: 500, dealNo: 42, secret: 'x' });
    const called = calledInstanceOf(h, id);

    expect(h.variable(called, 'requestedAmount')).toBe(500);
    expect(h.variable(called, 'limit')).toBe(1000);
    expect(h.variable(called, 'secret')).toBeUndefined();
    expect(h.variable(called, 'amount')).toBeUndefined();
    expect(h.historicInstance(called)?.businessKey).toBe('deal-42');

    await h.complete(called, 'check', { score: 720, rejected: false });

    expect(h.variable(id, 'creditScore')).toBe(720);
    expect(h.variable(id, 'creditOk')).toBe(true);
    expect(h.variable(id, 'score')).toBeUndefined();
  });

  it('variables="all" passes every variable in and out', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), caller('calledElement="creditCheck"', `<camunda:in variables="all"/><camunda:out variables="all"/>`));
    const id = await h.start('deal', { amount: 500, owner: 'mary' });
    const called = calledInstanceOf(h, id);
    expect(h.variable(called, 'amount')).toBe(500);
    expect(h.variable(called, 'owner')).toBe('mary');

    await h.complete(called, 'check', { rejected: false, score: 1 });

    expect(h.variable(id, 'score')).toBe(1);
    expect(h.variable(id, 'rejected')).toBe(false);
  });

  describe('binding', () => {
    it('latest (default) calls the newest version at the time of the call', async () => {
      const h = new EngineHarness();
      await h.deploy(creditCheck('v1'), caller('calledElement="creditCheck"'));
      await h.deploy(creditCheck('v2'));
      const id = await h.start('deal');
      const called = calledInstanceOf(h, id);
      expect(h.historicInstance(called)?.definitionVersion).toBe(2);
      expect(h.task(called, 'check').name).toBe('v2');
    });

    it('deployment calls the version deployed together with the caller', async () => {
      const h = new EngineHarness();
      await h.deploy(creditCheck('v1'), caller('calledElement="creditCheck" camunda:calledElementBinding="deployment"'));
      await h.deploy(creditCheck('v2'));
      const id = await h.start('deal');
      expect(h.task(calledInstanceOf(h, id), 'check').name).toBe('v1');
    });

    it('version calls exactly the given version', async () => {
      const h = new EngineHarness();
      await h.deploy(creditCheck('v1'));
      await h.deploy(creditCheck('v2'));
      await h.deploy(creditCheck('v3'), caller('calledElement="creditCheck" camunda:calledElementBinding="version" camunda:calledElementVersion="2"'));
      const id = await h.start('deal');
      expect(h.task(calledInstanceOf(h, id), 'check').name).toBe('v2');
    });

    it('fails when the called process is not deployed', async () => {
      const h = new EngineHarness();
      await h.deploy(caller('calledElement="creditCheck"'));
      await expect(h.start('deal')).rejects.toThrow(/Cannot start the process called by 'callCheck': no process definition 'creditCheck'/);
      expect(h.store.instances.size).toBe(0);
    });
  });

  it('an error end event in the called process is caught by an error boundary on the call activity', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), caller('calledElement="creditCheck"', `<camunda:in source="rejected" target="rejected"/>`, `
      <boundaryEvent id="rejectedBoundary" attachedToRef="callCheck"><errorEventDefinition errorRef="e" camunda:errorCodeVariable="code"/></boundaryEvent>
      <userTask id="decline"/>
      ${flows('rejectedBoundary', 'decline')}`));
    const id = await h.start('deal', { rejected: true });
    const called = calledInstanceOf(h, id);

    await h.complete(called, 'check');

    expect(h.activeElements(id)).toEqual(['decline']);
    expect(h.variable(id, 'code')).toBe('CREDIT_REJECTED');
    expect(h.activities(id).find((a) => a.activityId === 'callCheck')?.canceled).toBe(true);
    expect(h.state(called)).toBe('INTERNALLY_TERMINATED');
    expect(h.activeElements(called)).toEqual([]);
  });

  it('an error caught at the call activity still passes the camunda:out variables of the called instance', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), caller('calledElement="creditCheck"', `
      <camunda:in source="rejected" target="rejected"/>
      <camunda:out source="reason" target="rejectReason"/>`, `
      <boundaryEvent id="rejectedBoundary" attachedToRef="callCheck"><errorEventDefinition errorRef="e"/></boundaryEvent>
      <userTask id="decline"/>
      ${flows('rejectedBoundary', 'decline')}`));
    const id = await h.start('deal', { rejected: true });
    await h.complete(calledInstanceOf(h, id), 'check', { reason: 'insolvent' });
    expect(h.activeElements(id)).toEqual(['decline']);
    expect(h.variable(id, 'rejectReason')).toBe('insolvent');
  });

  it('an error caught by neither the called process nor the caller ends like a none end event in the called process', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), caller('calledElement="creditCheck"', `<camunda:in source="rejected" target="rejected"/>`));
    const id = await h.start('deal', { rejected: true });
    const called = calledInstanceOf(h, id);

    await h.complete(called, 'check');

    // then the called instance completed at its error end event and the caller continues normally
    expect(h.state(called)).toBe('COMPLETED');
    expect(h.historicInstance(called)?.endActivityId).toBe('checkFailed');
    expect(h.activeElements(id)).toEqual(['after']);
    expect(h.activities(id).find((a) => a.activityId === 'callCheck')?.canceled).toBe(false);
  });

  it('an error from a nested call is caught two levels up', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), bpmn('middle', `
      <startEvent id="mStart"/>
      <callActivity id="callCheck" calledElement="creditCheck"><extensionElements><camunda:in variables="all"/></extensionElements></callActivity>
      <endEvent id="mEnd"/>
      ${flows('mStart', 'callCheck', 'mEnd')}`), bpmn('top', `
      <startEvent id="start"/>
      <callActivity id="callMiddle" calledElement="middle"><extensionElements><camunda:in variables="all"/></extensionElements></callActivity>
      <boundaryEvent id="caught" attachedToRef="callMiddle"><errorEventDefinition errorRef="e"/></boundaryEvent>
      <userTask id="handle"/>
      <userTask id="after"/>
      ${flows('start', 'callMiddle', 'after')}
      ${flows('caught', 'handle')}`, `<error id="e" errorCode="CREDIT_REJECTED"/>`));
    const top = await h.start('top', { rejected: true });
    const check = h.tasks().find((t) => t.definitionKey === 'creditCheck')!;
    const middle = h.historicInstance(check.processInstanceId)!.superInstanceId!;

    await h.complete(check.processInstanceId, 'check');

    expect(h.activeElements(top)).toEqual(['handle']);
    expect(h.state(middle)).not.toBe('ACTIVE');
    expect(h.state(middle)).not.toBe('COMPLETED');
    expect(h.state(check.processInstanceId)).not.toBe('ACTIVE');
    expect(h.store.instances.size).toBe(1);
  });

  it('terminating the caller cancels the called instance', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), bpmn('deal', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <callActivity id="callCheck" calledElement="creditCheck"/>
      <userTask id="abort"/>
      <endEvent id="kill"><terminateEventDefinition/></endEvent>
      <endEvent id="end"/>
      ${flows('start', 'fork', 'callCheck', 'end')}
      ${flows('fork', 'abort', 'kill')}`));
    const id = await h.start('deal');
    const called = calledInstanceOf(h, id);
    expect(h.tasks(called).map((t) => t.taskDefinitionKey)).toEqual(['check']);

    await h.complete(id, 'abort');

    expect(h.state(id)).toBe('COMPLETED');
    // terminated by the process itself, not by a user
    expect(h.state(called)).toBe('INTERNALLY_TERMINATED');
    expect(h.tasks(called)).toEqual([]);
    expect(h.activities(id).find((a) => a.activityId === 'callCheck')?.canceled).toBe(true);
  });

  it('an interrupting timer on the call activity cancels the called instance', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), caller('calledElement="creditCheck"', '', `
      <boundaryEvent id="tooSlow" attachedToRef="callCheck"><timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition></boundaryEvent>
      <userTask id="manualCheck"/>
      ${flows('tooSlow', 'manualCheck')}`));
    const id = await h.start('deal');
    const called = calledInstanceOf(h, id);

    await h.advance(2 * 3_600_000);

    expect(h.activeElements(id)).toEqual(['manualCheck']);
    expect(h.state(called)).toBe('INTERNALLY_TERMINATED');
    expect(h.tasks(called)).toEqual([]);
  });

  it('a called process without wait states completes within the call and maps its outputs', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('compute', `
      <startEvent id="s"/>
      <scriptTask id="calc" scriptFormat="feel" camunda:resultVariable="discount"><script>if amount > 1000 then 0.1 else 0</script></scriptTask>
      <endEvent id="e"/>
      ${flows('s', 'calc', 'e')}`), caller('calledElement="compute"', `<camunda:in source="amount" target="amount"/><camunda:out source="discount" target="discount"/>`));
    const id = await h.start('deal', { amount: 5000 });
    expect(h.variable(id, 'discount')).toBe(0.1);
    expect(h.activeElements(id)).toEqual(['after']);
    expect(h.state(calledInstanceOf(h, id))).toBe('COMPLETED');
  });

  it('an escalation in the called process is caught by a non-interrupting boundary on the call activity', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('creditCheck', `
      <startEvent id="s"/>
      <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="esc"/></intermediateThrowEvent>
      <userTask id="check"/>
      <endEvent id="e"/>
      ${flows('s', 'raise', 'check', 'e')}`, `<escalation id="esc" escalationCode="BIG_DEAL"/>`), caller('calledElement="creditCheck"', '', `
      <boundaryEvent id="escalated" attachedToRef="callCheck" cancelActivity="false"><escalationEventDefinition escalationRef="esc"/></boundaryEvent>
      <userTask id="informBoard"/>
      ${flows('escalated', 'informBoard')}`).replace('<error id="e" errorCode="CREDIT_REJECTED"/>', '<error id="e" errorCode="CREDIT_REJECTED"/><escalation id="esc" escalationCode="BIG_DEAL"/>'));
    const id = await h.start('deal');
    const called = calledInstanceOf(h, id);
    expect(h.activeElements(id)).toEqual(['callCheck', 'informBoard']);
    expect(h.activeElements(called)).toEqual(['check']);
    await h.complete(called, 'check');
    expect(h.activeElements(id)).toEqual(['after', 'informBoard']);
  });

  it('deleting the caller deletes the called instance', async () => {
    const h = new EngineHarness();
    await h.deploy(creditCheck(), caller('calledElement="creditCheck"'));
    const id = await h.start('deal');
    const called = calledInstanceOf(h, id);
    await h.engine.deleteProcessInstance(id, 'customer left');
    expect(h.state(id)).toBe('EXTERNALLY_TERMINATED');
    expect(h.state(called)).toBe('EXTERNALLY_TERMINATED');
    expect(h.store.tasks.size).toBe(0);
  });
});
