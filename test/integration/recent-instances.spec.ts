import { randomUUID } from 'node:crypto';
import { SqlEngineStore } from '../../engine/adapters/typeorm/sql-engine-store.js';
import { Engine } from '../../engine/core/engine.js';
import { ForbiddenError, NotFoundError } from '../../engine/core/errors/index.js';
import type { InstanceSnapshot } from '../../engine/core/execution/instance-aggregate.js';
import { OWNED_KINDS } from '../../engine/core/execution/owned-kinds.js';
import type { TaskRecord } from '../../engine/core/execution/records.js';
import type { JobDispatcher } from '../../engine/core/ports/job-dispatcher.js';
import { fromDtoMap } from '../../engine/core/variables/index.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { openSqlEngine, type SqlEngineFixture } from '../support/sql-engine.js';

/**
 * A node keeps the instances it wrote last (RecentInstances) so that the next command on one need
 * not read it. What it keeps must be exactly what a read gives, and a guess that another node made
 * stale must never decide a command's outcome: the write's revision guard proves it current, or
 * the command runs again on what is stored. "Another node" is a second store (its own cache) on
 * the same database.
 */
const approval = bpmn('recent_approval', `
  <startEvent id="start"/>
  <userTask id="review" name="Review \${customer}" camunda:candidateGroups="sales,heads" camunda:priority="\${priority}"
    camunda:dueDate="\${due}" camunda:formKey="embedded:app:forms/review.html">
    <extensionElements><camunda:inputOutput><camunda:inputParameter name="localNote">note of \${customer}</camunda:inputParameter></camunda:inputOutput></extensionElements>
  </userTask>
  <parallelGateway id="fork"/>
  <subProcess id="checks">
    <startEvent id="checks_start"/>
    <userTask id="check" camunda:assignee="\${checker}">
      <multiInstanceLoopCharacteristics isSequential="false" camunda:collection="\${checkers}" camunda:elementVariable="checker"/>
    </userTask>
    <endEvent id="checks_end"/>
    ${flows('checks_start', 'check', 'checks_end')}
  </subProcess>
  <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
  <parallelGateway id="join"/>
  <endEvent id="end"/>
  ${flows('start', 'review', 'fork')}
  <sequenceFlow id="f_fork_checks" sourceRef="fork" targetRef="checks"/>
  <sequenceFlow id="f_fork_paid" sourceRef="fork" targetRef="paid"/>
  <sequenceFlow id="f_checks_join" sourceRef="checks" targetRef="join"/>
  <sequenceFlow id="f_paid_join" sourceRef="paid" targetRef="join"/>
  ${flows('join', 'end')}`, '<message id="m" name="recent.paid"/>');

const withTimer = bpmn('recent_timer', `
  <startEvent id="start"/>
  <userTask id="review"/>
  <boundaryEvent id="late" attachedToRef="review"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
  <endEvent id="end"/>
  <endEvent id="late_end"/>
  ${flows('start', 'review', 'end')}
  ${flows('late', 'late_end')}`);

const simple = bpmn('recent_simple', `<startEvent id="start"/><userTask id="review" camunda:candidateGroups="sales"/><endEvent id="end"/>${flows('start', 'review', 'end')}`);

const variables = fromDtoMap({
  customer: { value: 'Müller & Söhne "GmbH"', type: 'String' },
  priority: { value: 70, type: 'Integer' },
  amount: { value: 12345678901, type: 'Long' },
  rate: { value: 0.125, type: 'Double' },
  approved: { value: false, type: 'Boolean' },
  due: { value: '2030-01-02T03:04:05.678+0000', type: 'Date' },
  nothing: { value: null, type: 'Null' },
  order: { value: '{"lines":[{"sku":"a","qty":2}],"z":1,"a":{"nested":[1,2.5,null,"x"]}}', type: 'Json' },
  blob: { value: 'aGVsbG8=', type: 'Bytes' },
  checkers: { value: '["ann","bob"]', type: 'Json' },
});

/** jobs are not run here */
const handOverNothing: JobDispatcher = {
  kind: 'none', start: async () => undefined, dispatch: async () => undefined, redispatch: async () => undefined, stop: async () => undefined, check: async () => ({ ok: true }),
};

/** a snapshot with its records in a stable order (a read's order is the database's) */
function comparable(snapshot: InstanceSnapshot | null): unknown {
  if (!snapshot) return null;
  const sorted = Object.fromEntries(OWNED_KINDS.map((kind) => [kind, [...snapshot[kind]].sort((a, b) => a.id.localeCompare(b.id))]));
  return { ...snapshot, ...sorted };
}

describe('the instances a node wrote last (RecentInstances)', () => {
  let fixture: SqlEngineFixture;
  let a: Engine;
  let b: Engine;
  let storeA: SqlEngineStore;

  beforeAll(async () => {
    fixture = await openSqlEngine();
    a = fixture.engine;
    storeA = fixture.store;
    b = new Engine({
      store: new SqlEngineStore(fixture.db.dataSource), dispatcher: handOverNothing, clock: { now: () => new Date() },
      ids: { next: () => randomUUID() }, handlers: { handlerFor: () => undefined }, workerId: 'node-b',
    });
    await a.deploy({
      name: 'recent', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
      resources: [approval, withTimer, simple].map((content, i) => ({ name: `m${i}.bpmn`, content })),
    });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const start = async (engine: Engine, key: string, vars = new Map()) =>
    (await engine.startProcessInstance({ definition: { by: 'latest', key }, businessKey: null, variables: vars })).instance.id;
  const stored = (id: string) => storeA.transaction((tx) => tx.loadInstance(id));
  const tasksOf = async (id: string): Promise<readonly TaskRecord[]> => (await stored(id))?.tasks ?? [];
  const kept = (id: string) => storeA.recent.get(id);

  it('keeps each instance exactly as a read of its rows gives it, through every step', async () => {
    const proven = storeA.recent.stats().proven;
    const id = await start(a, 'recent_approval', variables);
    expect(kept(id)).not.toBeNull();
    expect(comparable(kept(id))).toEqual(comparable(await stored(id)));

    const [review] = await tasksOf(id);
    await a.claimTask(review!.id, 'ann');
    expect(comparable(kept(id))).toEqual(comparable(await stored(id)));

    await a.completeTask({ taskId: review!.id, variables: fromDtoMap({ approved: { value: true, type: 'Boolean' }, note: { value: 'ok', type: 'String' } }), actor: null });
    const afterReview = await stored(id);
    expect(afterReview!.tasks.map((t) => t.assignee).sort()).toEqual(['ann', 'bob']);
    expect(afterReview!.subscriptions).toHaveLength(1);
    expect(comparable(kept(id))).toEqual(comparable(afterReview));

    for (const task of afterReview!.tasks) {
      await a.setTaskVariables(task.id, fromDtoMap({ seen: { value: new Date(0).toISOString().replace('Z', '+0000'), type: 'Date' } }), true);
      expect(comparable(kept(id))).toEqual(comparable(await stored(id)));
      await a.completeTask({ taskId: task.id, variables: new Map(), actor: null });
      expect(comparable(kept(id))).toEqual(comparable(await stored(id)));
    }
    await a.correlateMessage({ messageName: 'recent.paid', processInstanceId: id, processVariables: new Map(), processVariablesLocal: new Map(), all: false });
    expect(await stored(id)).toBeNull();
    expect(kept(id)).toBeNull();
    // every command after the start took the instance from what the node kept, and its write proved it current
    expect(storeA.recent.stats().proven - proven).toBe(2 + 2 * afterReview!.tasks.length + 1);
  });

  it('hands out fresh records on every use, so a command cannot change what it keeps', async () => {
    const id = await start(a, 'recent_simple', variables);
    const first = kept(id)!;
    (first.variables as unknown[]).length = 0;
    (first.tasks[0]!.candidateGroups as string[]).push('everyone');
    expect(comparable(kept(id))).toEqual(comparable(await stored(id)));
  });

  it('keeps no instance with jobs (their locks change without a new revision)', async () => {
    const id = await start(a, 'recent_timer');
    expect((await stored(id))!.jobs).toHaveLength(1);
    expect(kept(id)).toBeNull();
  });

  it('a task claimed on another node: the stale guess neither refuses its new assignee nor lets anyone else in', async () => {
    // a rule that lets only the assignee work on a task
    const onlyAssignee = (userId: string) => ({
      userId, changesAnyVariable: false,
      mayWorkOn: (t: TaskRecord) => {
        if (t.assignee !== userId) throw new ForbiddenError(`${userId} may not work on ${t.id}`);
      },
    });
    for (const [user, outcome] of [['carol', 'completes'], ['dave', 'is refused']] as const) {
      const id = await start(a, 'recent_simple');
      const [task] = await tasksOf(id);
      await b.setTaskAssignee(task!.id, 'carol');
      // node A still holds the task unassigned
      expect(kept(id)!.tasks[0]!.assignee).toBeNull();
      const completing = a.completeTask({ taskId: task!.id, variables: new Map(), actor: onlyAssignee(user) });
      if (outcome === 'completes') {
        await completing;
        expect(await stored(id)).toBeNull();
      } else {
        await expect(completing).rejects.toBeInstanceOf(ForbiddenError);
        expect(await stored(id)).not.toBeNull();
      }
    }
  });

  it('a task completed on another node cannot be completed, claimed or changed again through a stale guess', async () => {
    for (const act of [
      (taskId: string) => a.completeTask({ taskId, variables: new Map(), actor: null }),
      (taskId: string) => a.claimTask(taskId, 'erin'),
      (taskId: string) => a.setTaskAssignee(taskId, null),
      (taskId: string) => a.setTaskVariables(taskId, fromDtoMap({ x: { value: 1, type: 'Integer' } }), false),
    ]) {
      const id = await start(a, 'recent_simple');
      const [task] = await tasksOf(id);
      expect(kept(id)).not.toBeNull();
      await b.completeTask({ taskId: task!.id, variables: new Map(), actor: null });
      const stale = storeA.recent.stats().stale;
      await expect(act(task!.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(kept(id)).toBeNull();
      expect(storeA.recent.stats().stale).toBe(stale + 1);
    }
  });

  it('a command that changes nothing does not answer from a stale guess', async () => {
    const id = await start(a, 'recent_simple');
    const [task] = await tasksOf(id);
    await b.completeTask({ taskId: task!.id, variables: new Map(), actor: null });
    // setting no variables changes nothing: node A's guess still holds the task, what is stored does not
    await expect(a.setTaskVariables(task!.id, new Map(), false)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an instance changed on another node is read again, and the command works on what is stored', async () => {
    const id = await start(a, 'recent_simple');
    await b.modifyVariables(id, fromDtoMap({ stage: { value: 'won', type: 'String' } }));
    const [task] = await tasksOf(id);
    const { variables: atEnd } = await a.completeTask({ taskId: task!.id, variables: new Map(), actor: null });
    expect(atEnd.get('stage')).toMatchObject({ type: 'String', value: 'won' });
  });
});
