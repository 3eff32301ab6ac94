import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';
import type { ServiceTaskInput } from '../../ports/service-task-handler.js';

async function deployed(...models: string[]): Promise<EngineHarness> {
  const h = new EngineHarness();
  await h.deploy(...models);
  return h;
}

/** start -> <task> -> after (a user task, so the instance stays inspectable) -> end */
function oneTask(processId: string, task: string, extra = '', roots = ''): string {
  return bpmn(processId, `
    <startEvent id="start"/>
    ${task}
    <userTask id="after"/>
    <endEvent id="end"/>
    ${extra}
    ${flows('start', 'work', 'after', 'end')}`, roots);
}

describe('service, send and business rule tasks', () => {
  describe('as external tasks', () => {
    it.each([
      ['serviceTask'],
      ['sendTask'],
      ['businessRuleTask'],
    ])('a %s creates an external task on its topic and waits for a worker', async (kind) => {
      // given a task of the kind handed to external workers
      const h = await deployed(oneTask('p', `<${kind} id="work" camunda:type="external" camunda:topic="crm.lead.assign" camunda:taskPriority="\${urgent ? 90 : 10}"/>`));

      // when the instance reaches it
      const id = await h.start('p', { urgent: true }, 'lead-1');

      // then an unlocked external task exists for the topic and the token waits
      const [task] = h.externalTasks(id);
      expect(task).toMatchObject({ topic: 'crm.lead.assign', activityId: 'work', businessKey: 'lead-1', priority: 90, workerId: null, retries: null });
      expect(h.activeElements(id)).toEqual(['work']);

      // when a worker completes it with variables
      await h.completeExternal(id, 'work', { assignee: 'mary' });

      // then the variables are process variables and the token moved on
      expect(h.variable(id, 'assignee')).toBe('mary');
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.externalTasks(id)).toEqual([]);
      expect(h.path(id)).toEqual(['start', 'work', 'after']);
    });

    it('refuses a completion by a worker that does not hold the lock', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:type="external" camunda:topic="t"/>`));
      const id = await h.start('p');
      await h.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 1, usePriority: false, topics: [{ topicName: 't', lockDurationMs: 1000 }] });
      const [task] = h.externalTasks(id);
      await expect(h.engine.completeExternalTask({ id: task!.id, workerId: 'w2', variables: new Map(), localVariables: new Map() }))
        .rejects.toThrow(/locked by worker 'w1'/);
      expect(h.activeElements(id)).toEqual(['work']);
    });

    it('a worker failure without retries left opens a failedExternalTask incident', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:type="external" camunda:topic="t"/>`));
      const id = await h.start('p');
      await h.engine.fetchAndLockExternalTasks({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [{ topicName: 't', lockDurationMs: 1000 }] });
      const [task] = h.externalTasks(id);

      await h.engine.failExternalTask({ id: task!.id, workerId: 'w', errorMessage: 'CRM down', errorDetails: null, retries: 0, retryTimeoutMs: 0 });

      const incidents = [...h.store.incidents.values()];
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ type: 'failedExternalTask', activityId: 'work', message: 'CRM down', configuration: task!.id });
      expect(h.activeElements(id)).toEqual(['work']);

      // and giving retries back resolves it
      await h.engine.setExternalTaskRetries(task!.id, 1);
      expect(h.store.incidents.size).toBe(0);
    });

    it('a BPMN error reported by the worker is caught by an error boundary event', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:type="external" camunda:topic="t"/>`, `
        <boundaryEvent id="invalid" attachedToRef="work"><errorEventDefinition errorRef="e" camunda:errorCodeVariable="code"/></boundaryEvent>
        <userTask id="fixData"/>
        ${flows('invalid', 'fixData')}`, `<error id="e" errorCode="INVALID_EMAIL"/>`));
      const id = await h.start('p');
      await h.engine.fetchAndLockExternalTasks({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [{ topicName: 't', lockDurationMs: 1000 }] });

      await h.engine.reportExternalTaskBpmnError({ id: h.externalTasks(id)[0]!.id, workerId: 'w', errorCode: 'INVALID_EMAIL', errorMessage: 'no @', variables: new Map() });

      expect(h.activeElements(id)).toEqual(['fixData']);
      expect(h.variable(id, 'code')).toBe('INVALID_EMAIL');
      expect(h.activities(id).find((a) => a.activityId === 'work')?.canceled).toBe(true);
      expect(h.externalTasks(id)).toEqual([]);
    });
  });

  describe('with an in-process handler', () => {
    it('runs the handler in a job and completes with the variables it returns', async () => {
      // given a handler registered for the topic
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:type="external" camunda:topic="crm.lead.assign"/>`));
      const seen: ServiceTaskInput[] = [];
      h.handlers.set('crm.lead.assign', async (input) => {
        seen.push(input);
        return { outcome: 'complete', variables: { owner: `owner-of-${String(input.variables['region'])}` } };
      });

      // when the instance reaches the task (start runs due jobs)
      const id = await h.start('p', { region: 'emea' }, 'lead-5');

      // then the handler saw the task's context, its variables are set and the token moved on
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ topic: 'crm.lead.assign', processInstanceId: id, processDefinitionKey: 'p', activityId: 'work', businessKey: 'lead-5' });
      expect(seen[0]!.variables).toEqual({ region: 'emea' });
      expect(h.variable(id, 'owner')).toBe('owner-of-emea');
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.externalTasks(id)).toEqual([]);
      expect(h.store.jobs.size).toBe(0);
    });

    it('waits in the task until the job runs', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:type="external" camunda:topic="t"/>`));
      h.handlers.set('t', async () => ({ outcome: 'complete' }));
      const started = await h.engine.startProcessInstance({ definition: { by: 'latest', key: 'p' }, businessKey: null, variables: new Map() });
      const id = started.instance.id;
      expect(h.activeElements(id)).toEqual(['work']);
      expect([...h.store.jobs.values()].map((j) => j.type)).toEqual(['service-handler']);

      await h.runDueJobs();
      expect(h.activeElements(id)).toEqual(['after']);
    });

    it('retries a throwing handler three times, then opens a failedJob incident', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:type="external" camunda:topic="t"/>`));
      let calls = 0;
      h.handlers.set('t', async () => {
        calls++;
        throw new Error('CRM unavailable');
      });

      // when the instance starts: the first attempt fails
      const id = await h.start('p');
      const job = () => [...h.store.jobs.values()][0]!;
      expect(calls).toBe(1);
      expect(job().retries).toBe(2);
      expect(job().exceptionMessage).toBe('CRM unavailable');
      expect(h.store.incidents.size).toBe(0);

      // when the job is retried twice more
      await h.runDueJobs();
      await h.runDueJobs();

      // then it is out of retries with an incident, and nothing runs it again
      expect(calls).toBe(3);
      expect(job().retries).toBe(0);
      const incidents = [...h.store.incidents.values()];
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ type: 'failedJob', activityId: 'work', message: 'CRM unavailable', configuration: job().id });
      await h.runDueJobs();
      expect(calls).toBe(3);
      expect(h.activeElements(id)).toEqual(['work']);
    });

    it('a job given retries again runs the handler, resolves the incident and continues', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:type="external" camunda:topic="t"/>`));
      let healthy = false;
      h.handlers.set('t', async () => {
        if (!healthy) throw new Error('down');
        return { outcome: 'complete', variables: { done: true } };
      });
      const id = await h.start('p');
      await h.runDueJobs();
      await h.runDueJobs();
      expect(h.store.incidents.size).toBe(1);

      healthy = true;
      await h.engine.setJobRetries([...h.store.jobs.values()][0]!.id, 1);
      await h.runDueJobs();

      expect(h.store.incidents.size).toBe(0);
      expect(h.variable(id, 'done')).toBe(true);
      expect(h.activeElements(id)).toEqual(['after']);
      const historicIncident = [...h.store.history.incident.values()] as { state: string }[];
      expect(historicIncident.map((i) => i.state)).toEqual(['RESOLVED']);
    });

    it('a bpmnError outcome is caught by an error boundary event on the task', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:type="external" camunda:topic="crm.deal.check"/>`, `
        <boundaryEvent id="rejected" attachedToRef="work">
          <errorEventDefinition errorRef="e" camunda:errorCodeVariable="why" camunda:errorMessageVariable="detail"/>
        </boundaryEvent>
        <userTask id="manualCheck"/>
        ${flows('rejected', 'manualCheck')}`, `<error id="e" errorCode="CREDIT_REJECTED"/>`));
      h.handlers.set('crm.deal.check', async () => ({ outcome: 'bpmnError', errorCode: 'CREDIT_REJECTED', errorMessage: 'limit exceeded', variables: { checkedBy: 'scoring' } }));

      const id = await h.start('p');

      expect(h.activeElements(id)).toEqual(['manualCheck']);
      expect(h.path(id)).toEqual(['start', 'work', 'rejected', 'manualCheck']);
      expect(h.variable(id, 'why')).toBe('CREDIT_REJECTED');
      expect(h.variable(id, 'detail')).toBe('limit exceeded');
      expect(h.variable(id, 'checkedBy')).toBe('scoring');
      expect(h.activities(id).find((a) => a.activityId === 'work')?.canceled).toBe(true);
    });
  });

  describe('with camunda:expression', () => {
    it('evaluates the expression and stores the result in the resultVariable', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:expression="\${amount * 2}" camunda:resultVariable="doubled"/>`));
      const id = await h.start('p', { amount: 21 });
      expect(h.variable(id, 'doubled')).toBe(42);
      expect(h.activeElements(id)).toEqual(['after']);
      expect(h.externalTasks(id)).toEqual([]);
    });

    it('fails the start when the expression cannot be evaluated, naming the element', async () => {
      const h = await deployed(oneTask('p', `<serviceTask id="work" camunda:expression="\${customer.name}" camunda:resultVariable="n"/>`));
      await expect(h.start('p')).rejects.toThrow(/'work'/);
    });
  });
});
