import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import { InMemoryEngineStore } from '../../testing/in-memory-store.js';
import { InlineDispatcher } from '../../testing/inline-dispatcher.js';
import { Engine } from '../engine.js';
import type { ServiceTaskHandler } from '../ports/service-task-handler.js';
import { OWNED_KINDS } from '../execution/owned-kinds.js';

const HOUR = 3_600_000;

/**
 * A lead process with every kind of wait state: a user task inside a sub-process with a boundary
 * timer, a parallel join, a message catch, a call activity and an in-process service task.
 */
const lead = bpmn('lead', `
  <startEvent id="start"/>
  <parallelGateway id="fork"/>
  <subProcess id="qualification">
    <startEvent id="qStart"/>
    <userTask id="qualify" camunda:assignee="\${owner}"/>
    <endEvent id="qEnd"/>
    ${flows('qStart', 'qualify', 'qEnd')}
  </subProcess>
  <boundaryEvent id="reminder" attachedToRef="qualification" cancelActivity="false">
    <timerEventDefinition><timeDuration>PT24H</timeDuration></timerEventDefinition>
  </boundaryEvent>
  <task id="remind"/>
  <endEvent id="reminded"/>
  <intermediateCatchEvent id="consent"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
  <parallelGateway id="join"/>
  <callActivity id="scoring" calledElement="score">
    <extensionElements><camunda:in source="owner" target="owner"/><camunda:out source="score" target="score"/></extensionElements>
  </callActivity>
  <serviceTask id="assign" camunda:type="external" camunda:topic="crm.lead.assign"/>
  <endEvent id="end"/>
  ${flows('start', 'fork', 'qualification', 'join', 'scoring', 'assign', 'end')}
  ${flows('fork', 'consent', 'join')}
  ${flows('reminder', 'remind', 'reminded')}`, `<message id="m" name="consentGiven"/>`);

const score = bpmn('score', `
  <startEvent id="s"/>
  <userTask id="rate"/>
  <endEvent id="e"/>
  ${flows('s', 'rate', 'e')}`);

/** a fresh engine on the same store: nothing in memory but what the store holds */
function freshEngine(store: InMemoryEngineStore, h: EngineHarness, handlers: Map<string, ServiceTaskHandler>): Engine {
  let n = 0;
  return new Engine({
    store,
    dispatcher: new InlineDispatcher(),
    clock: h.clock,
    ids: { next: () => `resumed-${++n}` },
    handlers: { handlerFor: (topic) => handlers.get(topic) },
    workerId: 'second-node',
  });
}

/** a copy of every table into a new store: graphs must be parsed again from the stored XML */
function copyStore(from: InMemoryEngineStore, h: EngineHarness): InMemoryEngineStore {
  const to = new InMemoryEngineStore(h.clock);
  const tables = ['deployments', 'resources', 'definitions', 'instances', ...OWNED_KINDS] as const;
  for (const table of tables) for (const [k, v] of from[table] as Map<string, unknown>) (to[table] as Map<string, unknown>).set(k, structuredClone(v));
  for (const [name, table] of Object.entries(from.history)) for (const [k, v] of table) to.history[name as keyof typeof to.history].set(k, v);
  return to;
}

async function runDue(engine: Engine, store: InMemoryEngineStore): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const due = await store.findDispatchableJobs(0, 100);
    if (due.length === 0) return;
    for (const job of due) await engine.jobs.execute(job.id);
  }
}

describe('feature: resume from the stored state (mandatory)', () => {
  it.each([
    ['the same store', (h: EngineHarness) => h.store],
    ['a copy of the store (graphs parsed again)', (h: EngineHarness) => copyStore(h.store, h)],
  ])('a fresh engine on %s continues a waiting instance to the end', async (_label, storeFor) => {
    // given an instance run to its wait states by a first engine
    const h = new EngineHarness();
    await h.deploy(lead, score);
    const id = await h.start('lead', { owner: 'mary' }, 'lead-1');
    expect(h.activeElements(id)).toEqual(['consent', 'qualification', 'qualify']);

    // when the first engine is gone and a new one works on the stored state
    const store = storeFor(h);
    const assigned: string[] = [];
    const handlers = new Map<string, ServiceTaskHandler>([['crm.lead.assign', async (input) => {
      assigned.push(String(input.variables['score']));
      return { outcome: 'complete', variables: { assignedTo: 'team-a' } };
    }]]);
    const engine = freshEngine(store, h, handlers);
    const task = (key: string) => [...store.tasks.values()].find((t) => t.taskDefinitionKey === key)!;
    const state = (instanceId: string) => (store.history.processInstance.get(instanceId) as { state: string }).state;

    // then the boundary timer still fires
    h.clock.advance(24 * HOUR);
    await runDue(engine, store);
    const path = () => ([...store.history.activityInstance.values()] as { processInstanceId: string; activityId: string }[])
      .filter((a) => a.processInstanceId === id).map((a) => a.activityId);
    expect(path()).toContain('remind');

    // and the task, the message and the join work
    await engine.completeTask({ taskId: task('qualify').id, variables: typed({ qualified: true }) });
    await engine.correlateMessage({ messageName: 'consentGiven', businessKey: 'lead-1', processVariables: new Map(), processVariablesLocal: new Map(), all: false });
    const rate = task('rate');
    expect(rate).toBeDefined();

    // and the called instance hands back to its caller, whose service task runs in the new engine's job
    await engine.completeTask({ taskId: rate.id, variables: typed({ score: 87 }) });
    await runDue(engine, store);

    expect(assigned).toEqual(['87']);
    expect(state(id)).toBe('COMPLETED');
    expect(state(rate.processInstanceId)).toBe('COMPLETED');
    expect(path().slice(-4)).toEqual(['join', 'scoring', 'assign', 'end']);
    expect(store.instances.size).toBe(0);
    expect(store.jobs.size).toBe(0);
    expect(store.subscriptions.size).toBe(0);
    const variables = [...store.history.variable.values()] as { processInstanceId: string; name: string; value: { value: unknown } }[];
    expect(variables.filter((v) => v.processInstanceId === id && v.name === 'assignedTo').map((v) => v.value.value)).toEqual(['team-a']);
  });
});
