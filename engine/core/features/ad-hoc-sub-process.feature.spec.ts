import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, user } from '../../testing/engine-harness.js';
import { InlineDispatcher } from '../../testing/inline-dispatcher.js';
import { Engine } from '../engine.js';
import { BadUserRequestError, ConflictError, NotFoundError, ParseError } from '../errors/index.js';
import { inferTypedValue } from '../variables/index.js';

/** a service case: start -> case (ad-hoc, holding `inner`) -> after (user task) -> end */
function serviceCase(inner: string, attributes = '', outer = '', completion: string | null = '${resolved}'): string {
  const condition = completion === null ? '' : `<completionCondition xsi:type="tFormalExpression">${completion}</completionCondition>`;
  return bpmn('serviceCase', `
    <startEvent id="start"/>
    <adHocSubProcess id="case" name="Work the case" ${attributes}>
      ${inner}
      ${condition}
    </adHocSubProcess>
    <userTask id="after"/>
    <endEvent id="end"/>
    ${outer}
    ${flows('start', 'case', 'after', 'end')}`);
}

const threeTasks = `<userTask id="call" name="Call the customer"/><userTask id="email"/><userTask id="visit"/>`;

async function started(model: string, variables: Record<string, unknown> = {}) {
  const h = new EngineHarness();
  await h.deploy(model);
  const id = await h.start('serviceCase', variables);
  const startActivity = async (activityId: string, adHoc = 'case') => {
    const started = await h.engine.startAdHocActivity({ processInstanceId: id, adHoc }, activityId);
    await h.runDueJobs();
    return started;
  };
  return { h, id, startActivity };
}

function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => { throw new Error('Expected the call to fail, but it succeeded'); },
    (error: unknown) => error as Error,
  );
}

describe('feature: ad-hoc sub-process (BPMN 2.0 10.3.6 / 13.3.5)', () => {
  describe('given parallel ordering (the default)', () => {
    it('starts nothing by itself; the enabled activities are started by hand and run side by side', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks), { resolved: false });

      expect(h.activeElements(id)).toEqual(['case']);
      const view = await h.engine.describeAdHocSubProcess({ processInstanceId: id, adHoc: 'case' });
      expect(view.enabledActivities).toEqual([
        { activityId: 'call', activityName: 'Call the customer', activityType: 'userTask' },
        { activityId: 'email', activityName: null, activityType: 'userTask' },
        { activityId: 'visit', activityName: null, activityType: 'userTask' },
      ]);
      expect(view.startConflict).toBeNull();

      await startActivity('call');
      await startActivity('email');

      expect(h.activeElements(id)).toEqual(['call', 'case', 'email']);
      expect(h.tasks(id).map((t) => t.taskDefinitionKey).sort()).toEqual(['call', 'email']);
    });

    it('shows in history as a scope whose children are the activities started in it', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks), { resolved: false });
      const started1 = await startActivity('call');

      const caseInstance = h.activities(id).find((a) => a.activityId === 'case')!;
      const call = h.activities(id).find((a) => a.activityId === 'call')!;
      expect(caseInstance.activityType).toBe('adHocSubProcess');
      expect(call.parentActivityInstanceId).toBe(caseInstance.id);
      expect(started1).toEqual({ activityInstanceId: call.id, activityId: 'call', adHocActivityInstanceId: caseInstance.id });
    });

    it('lets the same activity be started again while it runs', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks), { resolved: false });
      await startActivity('call');
      await startActivity('call');
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['call', 'call']);
    });

    it('stays while nothing runs in it and its completion condition does not hold', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks), { resolved: false });
      await startActivity('call');
      await h.complete(id, 'call');
      expect(h.activeElements(id)).toEqual(['case']);
    });
  });

  describe('completionCondition with cancelRemainingInstances', () => {
    it('true (the default): when the condition holds after an activity completes, running activities are cancelled and the flow continues', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks), { resolved: false });
      await startActivity('call');
      await startActivity('visit');

      await h.complete(id, 'call', { resolved: true });

      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['after']);
      const visit = h.activities(id).find((a) => a.activityId === 'visit')!;
      expect(visit.canceled).toBe(true);
      expect(h.activities(id).find((a) => a.activityId === 'case')!.canceled).toBe(false);
    });

    it('false: the sub-process waits for the running activities, starts no new ones, then continues', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks, 'cancelRemainingInstances="false"'), { resolved: false });
      await startActivity('call');
      await startActivity('visit');

      await h.complete(id, 'call', { resolved: true });
      expect(h.activeElements(id)).toEqual(['case', 'visit']);
      const refused = await failureOf(startActivity('email'));
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused.message).toBe("Cannot start 'email' in ad-hoc sub-process 'case': it is ending: it waits for its running activities to finish");
      expect((await h.engine.describeAdHocSubProcess({ processInstanceId: id, adHoc: 'case' })).startConflict).toContain('ending');

      await h.complete(id, 'visit');
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.activities(id).find((a) => a.activityId === 'visit')!.canceled).toBe(false);
    });

    it('is evaluated in the sub-process scope: its local variables count', async () => {
      const model = serviceCase(threeTasks, '', '', '${attempts >= 2}').replace('<adHocSubProcess id="case" name="Work the case" >', `<adHocSubProcess id="case" name="Work the case">
        <extensionElements><camunda:inputOutput><camunda:inputParameter name="attempts">\${0}</camunda:inputParameter></camunda:inputOutput></extensionElements>`);
      const { h, id, startActivity } = await started(model);
      await startActivity('call');
      await h.complete(id, 'call', { attempts: 1 });
      expect(h.activeElements(id)).toEqual(['case']);
      expect(h.variable(id, 'attempts')).toBeUndefined();
      await startActivity('email');
      await h.complete(id, 'email', { attempts: 2 });
      expect(h.activeElements(id)).toEqual(['after']);
    });

    it('lets the user tasks inside decide the variables it reads (a completion may set them)', async () => {
      const h = new EngineHarness();
      const [graph] = await h.engine.parse('case.bpmn', serviceCase(threeTasks));
      expect([...graph!.routing.decided]).toContain('resolved');
    });
  });

  describe('given sequential ordering', () => {
    it('runs one activity at a time: starting another while one runs is a conflict', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks, 'ordering="Sequential"'), { resolved: false });
      await startActivity('call');

      const refused = await failureOf(startActivity('email'));
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused.message).toBe("Cannot start 'email' in ad-hoc sub-process 'case': its ordering is Sequential and 'call' is still running");
      expect(h.activeElements(id)).toEqual(['call', 'case']);

      await h.complete(id, 'call');
      await startActivity('email');
      expect(h.activeElements(id)).toEqual(['case', 'email']);
    });

    it('counts the flow an activity leads into as still running', async () => {
      const { h, id, startActivity } = await started(serviceCase(`${threeTasks}<userTask id="followUp"/>${flows('call', 'followUp')}`, 'ordering="Sequential"'), { resolved: false });
      await startActivity('call');
      await h.complete(id, 'call');
      expect(h.activeElements(id)).toEqual(['case', 'followUp']);
      await expect(startActivity('email')).rejects.toThrow("its ordering is Sequential and 'followUp' is still running");
    });

    it('two starts at once: one wins, the other is refused on the winner\'s state', async () => {
      const { h, id } = await started(serviceCase(threeTasks, 'ordering="Sequential"'), { resolved: false });
      const target = { processInstanceId: id, adHoc: 'case' };

      const results = await h.race(() => h.engine.startAdHocActivity(target, 'call'), () => h.engine.startAdHocActivity(target, 'email'));

      expect(h.store.conflicts).toBe(1);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect(h.tasks(id)).toHaveLength(1);
    });
  });

  describe('inner sequence flows', () => {
    const withFlows = serviceCase(`
      <userTask id="call"/>
      <exclusiveGateway id="reached" default="toLetter"/>
      <userTask id="offer"/>
      <serviceTask id="letter" camunda:expression="\${true}" camunda:resultVariable="letterSent"/>
      <userTask id="email"/>
      <sequenceFlow id="toGateway" sourceRef="call" targetRef="reached"/>
      <sequenceFlow id="toOffer" sourceRef="reached" targetRef="offer"><conditionExpression xsi:type="tFormalExpression">\${answered}</conditionExpression></sequenceFlow>
      <sequenceFlow id="toLetter" sourceRef="reached" targetRef="letter"/>`);

    it('continue inside the sub-process; only activities no flow leads into are enabled', async () => {
      const { h, id, startActivity } = await started(withFlows, { resolved: false });
      const view = await h.engine.describeAdHocSubProcess({ processInstanceId: id, adHoc: 'case' });
      expect(view.enabledActivities.map((a) => a.activityId)).toEqual(['call', 'email']);

      await startActivity('call');
      await h.complete(id, 'call', { answered: true });
      expect(h.activeElements(id)).toEqual(['case', 'offer']);

      await startActivity('call');
      await h.complete(id, 'call', { answered: false });
      expect(h.variable(id, 'letterSent')).toBe(true);
      expect(h.activeElements(id)).toEqual(['case', 'offer']);
    });

    it('refuses to start an activity a flow leads into, naming it', async () => {
      const { startActivity } = await started(withFlows, { resolved: false });
      const refused = await failureOf(startActivity('offer'));
      expect(refused).toBeInstanceOf(BadUserRequestError);
      expect(refused.message).toBe("Expected 'offer' to be an enabled activity of ad-hoc sub-process 'case', but sequence flows lead into it (it starts when one of them is taken)");
    });
  });

  describe('without a completion condition', () => {
    it('stays until someone completes it; completing cancels what still runs', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks, '', '', null));
      await startActivity('call');
      await h.complete(id, 'call');
      expect(h.activeElements(id)).toEqual(['case']);
      await startActivity('email');

      await h.engine.completeAdHocSubProcess({ processInstanceId: id, adHoc: 'case' });

      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.activities(id).find((a) => a.activityId === 'email')!.canceled).toBe(true);
    });

    it('with cancelRemainingInstances="false", completing waits for what still runs', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks, 'cancelRemainingInstances="false"', '', null));
      await startActivity('email');
      await h.engine.completeAdHocSubProcess({ processInstanceId: id, adHoc: 'case' });
      expect(h.activeElements(id)).toEqual(['case', 'email']);
      await expect(h.engine.completeAdHocSubProcess({ processInstanceId: id, adHoc: 'case' })).rejects.toThrow(ConflictError);
      await h.complete(id, 'email');
      expect(h.activeElements(id)).toEqual(['after']);
    });

    it('a sub-process with a completion condition is not completed by hand', async () => {
      const { id, h } = await started(serviceCase(threeTasks), { resolved: false });
      const refused = await failureOf(h.engine.completeAdHocSubProcess({ processInstanceId: id, adHoc: 'case' }));
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused.message).toBe("Cannot complete ad-hoc sub-process 'case': it has a completionCondition and completes when that holds");
    });
  });

  describe('boundary events on the ad-hoc sub-process', () => {
    const timeout = `
      <boundaryEvent id="slaBreached" attachedToRef="case"><timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition></boundaryEvent>
      <userTask id="escalate"/>
      ${flows('slaBreached', 'escalate')}`;

    it('an interrupting timer cancels the sub-process and what runs in it', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks, '', timeout), { resolved: false });
      await startActivity('call');

      await h.advance(2 * 60 * 60 * 1000);

      expect(h.activeElements(id)).toEqual(['escalate']);
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['escalate']);
      await expect(startActivity('email')).rejects.toThrow(ConflictError);
    });

    it('is closed when the sub-process completes', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks, '', timeout), { resolved: false });
      await startActivity('call');
      await h.complete(id, 'call', { resolved: true });
      await h.advance(3 * 60 * 60 * 1000);
      expect(h.activeElements(id)).toEqual(['after']);
    });
  });

  describe('user tasks inside', () => {
    it('get their assignee and candidate groups as anywhere else, and complete with the acting user\'s rules', async () => {
      const { h, id, startActivity } = await started(
        serviceCase(`<userTask id="call" camunda:assignee="\${owner}"/><userTask id="inspect" camunda:candidateGroups="service"/>`),
        { resolved: false, owner: 'mary' },
      );
      await startActivity('call');
      await startActivity('inspect');
      expect(h.task(id, 'call').assignee).toBe('mary');
      expect(h.task(id, 'inspect').candidateGroups).toEqual(['service']);

      await h.complete(id, 'inspect', { resolved: true }, user('mary'));

      expect(h.activeElements(id)).toEqual(['after']);
    });
  });

  describe('naming what cannot be started', () => {
    it('an unknown element, an element outside the sub-process, a sub-process the instance is not in', async () => {
      const model = serviceCase(threeTasks);
      const { h, id, startActivity } = await started(model, { resolved: false });

      const unknown = await failureOf(startActivity('nowhere'));
      expect(unknown).toBeInstanceOf(NotFoundError);
      expect(unknown.message).toBe("Ad-hoc sub-process 'case' has no enabled activity 'nowhere': the process has no such element");

      const outside = await failureOf(startActivity('after'));
      expect(outside).toBeInstanceOf(BadUserRequestError);
      expect(outside.message).toContain("'after' to be an enabled activity of ad-hoc sub-process 'case', but it is not inside the ad-hoc sub-process");

      const notAdHoc = await failureOf(startActivity('call', 'after'));
      expect(notAdHoc).toBeInstanceOf(BadUserRequestError);
      expect(notAdHoc.message).toBe("Expected 'after' to be an ad-hoc sub-process, but it is a userTask");

      const noSuchAdHoc = await failureOf(startActivity('call', 'elsewhere'));
      expect(noSuchAdHoc).toBeInstanceOf(NotFoundError);

      await startActivity('call');
      await h.complete(id, 'call', { resolved: true });
      const left = await failureOf(startActivity('email'));
      expect(left).toBeInstanceOf(ConflictError);
      expect(left.message).toBe(`Expected process instance '${id}' to be in ad-hoc sub-process 'case', but it is not (not entered yet, or already left)`);
    });

    it('names the ad-hoc sub-process instance by its activity instance id too', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks), { resolved: false });
      const caseInstanceId = h.activities(id).find((a) => a.activityId === 'case')!.id;
      await startActivity('email', caseInstanceId);
      expect(h.activeElements(id)).toEqual(['case', 'email']);
      const callInstance = h.activities(id).find((a) => a.activityId === 'email')!.id;
      await expect(startActivity('call', callInstance)).rejects.toThrow(`Expected activity instance '${callInstance}' to be an ad-hoc sub-process, but it is a userTask ('email')`);
    });
  });

  describe('as a multi-instance activity', () => {
    it('each instance is its own case: named by activity instance id, the element id being ambiguous', async () => {
      const model = serviceCase(threeTasks).replace('<adHocSubProcess id="case" name="Work the case" >', `<adHocSubProcess id="case" name="Work the case">
        <extensionElements><camunda:inputOutput><camunda:inputParameter name="resolved">\${false}</camunda:inputParameter></camunda:inputOutput></extensionElements>
        <multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>`);
      const { h, id, startActivity } = await started(model);
      const cases = h.activities(id).filter((a) => a.activityId === 'case' && a.activityType === 'adHocSubProcess');
      expect(cases).toHaveLength(2);

      const ambiguous = await failureOf(startActivity('call'));
      expect(ambiguous).toBeInstanceOf(ConflictError);
      expect(ambiguous.message).toBe("Expected one running instance of ad-hoc sub-process 'case', but there are 2: name one by its activity instance id");

      await startActivity('call', cases[0]!.id);
      await startActivity('email', cases[1]!.id);
      await h.complete(id, 'call', { resolved: true });
      expect(h.activeElements(id)).toEqual(['case', 'case', 'email']);
      await h.complete(id, 'email', { resolved: true });
      expect(h.activeElements(id)).toEqual(['after']);
    });
  });

  describe('process instance modification', () => {
    it('cancelling the last running activity leaves the sub-process waiting', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks), { resolved: false });
      await startActivity('call');
      await h.engine.modifyProcessInstance(id, [{ type: 'cancel', activityId: 'call' }]);
      expect(h.activeElements(id)).toEqual(['case']);
      await startActivity('email');
      expect(h.activeElements(id)).toEqual(['case', 'email']);
    });
  });

  describe('resume', () => {
    it('a fresh engine on the stored state knows the sub-process is ending and completes it when the last activity does', async () => {
      const { h, id, startActivity } = await started(serviceCase(threeTasks, 'ordering="Parallel" cancelRemainingInstances="false"'), { resolved: false });
      await startActivity('call');
      await startActivity('visit');
      await h.complete(id, 'call', { resolved: true });

      let n = 0;
      const engine = new Engine({
        store: h.store, dispatcher: new InlineDispatcher(), clock: h.clock, ids: { next: () => `resumed-${++n}` }, handlers: { handlerFor: () => undefined }, workerId: 'second-node',
      });
      await expect(engine.startAdHocActivity({ processInstanceId: id, adHoc: 'case' }, 'email')).rejects.toThrow(ConflictError);
      await engine.completeTask({ taskId: h.task(id, 'visit').id, variables: new Map([['note', inferTypedValue('done', 'note')]]) });

      expect(h.activeElements(id)).toEqual(['after']);
    });
  });

  describe('deployment', () => {
    const refusal = async (model: string) => {
      const error = await failureOf(new EngineHarness().deploy(model));
      expect(error).toBeInstanceOf(ParseError);
      return error.message;
    };

    it('refuses start and end events inside, as BPMN does', async () => {
      const message = await refusal(serviceCase(`<startEvent id="innerStart"/><userTask id="call"/><endEvent id="innerEnd"/>${flows('innerStart', 'call', 'innerEnd')}`));
      expect(message).toContain("element 'innerStart': Expected no start event directly inside ad-hoc sub-process 'case'");
      expect(message).toContain("element 'innerEnd': Expected no end event directly inside ad-hoc sub-process 'case'");
    });

    it('refuses one with nothing to start, and an unknown ordering', async () => {
      expect(await refusal(serviceCase(''))).toContain("element 'case': Expected the ad-hoc sub-process to hold at least one activity without incoming sequence flows");
      expect(await refusal(serviceCase(threeTasks, 'ordering="Random"'))).toContain("element 'case': Expected the ad-hoc sub-process's ordering to be Parallel or Sequential, but got 'Random'");
    });

    it('refuses a completion condition that cannot be parsed, naming the sub-process', async () => {
      expect(await refusal(serviceCase(threeTasks, '', '', '${resolved ==}'))).toContain("element 'case': Invalid expression in 'completionCondition'");
    });
  });
});
