import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { InMemoryEngineStore } from '../../testing/in-memory-store.js';
import { InlineDispatcher } from '../../testing/inline-dispatcher.js';
import { Engine } from '../engine.js';
import { OWNED_KINDS } from '../execution/owned-kinds.js';

const MINUTE = 60_000;

/**
 * A lead arrives by message at an instantiating receive task, a global user task qualifies it,
 * and a reminder cycle keeps nudging the sales rep: each waits across an engine restart.
 */
const lead = bpmn('lead', `
  <receiveTask id="arrives" instantiate="true" messageRef="m"/>
  <parallelGateway id="fork"/>
  <callActivity id="qualify" calledElement="qualifyLead"/>
  <intermediateCatchEvent id="nudge"><timerEventDefinition><timeCycle>R2/PT1M</timeCycle></timerEventDefinition></intermediateCatchEvent>
  <task id="remind"/>
  <endEvent id="reminded"/>
  <endEvent id="qualified"/>
  ${flows('arrives', 'fork', 'qualify', 'qualified')}
  ${flows('fork', 'nudge', 'remind', 'reminded')}`, `
  <message id="m" name="leadReceived"/>
  <globalUserTask id="qualifyLead" name="Qualify the lead" camunda:assignee="mary"/>`);

/** a copy of every table into a new store: graphs must be parsed again from the stored XML */
function copyStore(from: InMemoryEngineStore, h: EngineHarness): InMemoryEngineStore {
  const to = new InMemoryEngineStore(h.clock);
  const tables = ['deployments', 'resources', 'definitions', 'instances', ...OWNED_KINDS] as const;
  for (const table of tables) for (const [k, v] of from[table] as Map<string, unknown>) (to[table] as Map<string, unknown>).set(k, structuredClone(v));
  for (const [name, table] of Object.entries(from.history)) for (const [k, v] of table) to.history[name as keyof typeof to.history].set(k, v);
  return to;
}

function freshEngine(store: InMemoryEngineStore, h: EngineHarness): Engine {
  let n = 0;
  return new Engine({
    store,
    dispatcher: new InlineDispatcher(),
    clock: h.clock,
    ids: { next: () => `resumed-${++n}` },
    handlers: { handlerFor: () => undefined },
    workerId: 'second-node',
  });
}

async function runDue(engine: Engine, store: InMemoryEngineStore): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const due = await store.findDispatchableJobs(0, 100);
    if (due.length === 0) return;
    for (const job of due) await engine.jobs.execute(job.id);
  }
}

describe('feature: instantiating elements, global tasks and cycle catch events resume from the stored state', () => {
  it('a fresh engine on a copy of the store (graphs parsed again) starts, continues and ends such an instance', async () => {
    const h = new EngineHarness();
    await h.deploy(lead);
    const store = copyStore(h.store, h);
    const engine = freshEngine(store, h);

    const [started] = await engine.correlateMessage({ messageName: 'leadReceived', processVariables: new Map(), processVariablesLocal: new Map(), all: false });
    const id = started!.instance.id;
    h.clock.advance(MINUTE);
    await runDue(engine, store);

    const again = copyStore(store, h);
    const resumed = freshEngine(again, h);
    const path = () => ([...again.history.activityInstance.values()] as { processInstanceId: string; activityId: string }[])
      .filter((a) => a.processInstanceId === id).map((a) => a.activityId);
    expect(path().filter((a) => a === 'remind')).toHaveLength(1);

    h.clock.advance(MINUTE);
    await runDue(resumed, again);
    expect(path().filter((a) => a === 'remind')).toHaveLength(2);

    const task = [...again.tasks.values()].find((t) => t.taskDefinitionKey === 'qualify')!;
    expect(task.assignee).toBe('mary');
    await resumed.completeTask({ taskId: task.id, variables: new Map() });
    expect((again.history.processInstance.get(id) as { state: string }).state).toBe('COMPLETED');
    expect(again.jobs.size).toBe(0);
  });
});
