import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { typed } from '../../engine/testing/engine-harness.js';
import { openSqlEngine, type SqlEngineFixture } from '../support/sql-engine.js';

/**
 * Two real transactions at once on one instance: the revision guard lets one commit and reruns
 * the other on fresh state, so no token is lost or doubled.
 */
describe('concurrent commands on one instance', () => {
  let fx: SqlEngineFixture;

  beforeAll(async () => {
    fx = await openSqlEngine();
    await fx.engine.deploy({
      name: 'concurrency', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
      resources: [
        { name: 'fork.bpmn', content: bpmn('fork', `
          <startEvent id="start"/>
          <parallelGateway id="split"/>
          <serviceTask id="a" camunda:type="external" camunda:topic="left"/>
          <serviceTask id="b" camunda:type="external" camunda:topic="right"/>
          <parallelGateway id="join"/>
          <userTask id="after"/>
          <endEvent id="end"/>
          ${flows('start', 'split', 'a', 'join', 'after', 'end')}
          ${flows('split', 'b', 'join')}`) },
        { name: 'incl.bpmn', content: bpmn('incl', `
          <startEvent id="start"/>
          <inclusiveGateway id="split"/>
          <serviceTask id="a" camunda:type="external" camunda:topic="incl-left"/>
          <serviceTask id="b" camunda:type="external" camunda:topic="incl-right"/>
          <inclusiveGateway id="join"/>
          <userTask id="after"/>
          <endEvent id="end"/>
          <sequenceFlow id="toA" sourceRef="split" targetRef="a"><conditionExpression>\${true}</conditionExpression></sequenceFlow>
          <sequenceFlow id="toB" sourceRef="split" targetRef="b"><conditionExpression>\${true}</conditionExpression></sequenceFlow>
          ${flows('start', 'split')}
          ${flows('a', 'join', 'after', 'end')}
          ${flows('b', 'join')}`) },
        { name: 'wait.bpmn', content: bpmn('waitForReply', `
          <startEvent id="start"/>
          <intermediateCatchEvent id="reply"><messageEventDefinition messageRef="msgReply"/></intermediateCatchEvent>
          <userTask id="after"/>
          ${flows('start', 'reply', 'after')}`, '<message id="msgReply" name="CustomerReplied"/>') },
      ],
    });
  });
  afterAll(() => fx.close());

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [row] = await fx.db.dataSource.query(sql, params);
    return Number(row.n);
  }

  it.each([['fork', 'left', 'right'], ['incl', 'incl-left', 'incl-right']])(
    'joins two branches completed at the same moment exactly once (%s)',
    async (key, leftTopic, rightTopic) => {
      const instances = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        fx.engine.startProcessInstance({ definition: { by: 'latest', key }, businessKey: `${key}-${i}`, variables: new Map() })));
      const locked = await fx.engine.fetchAndLockExternalTasks({
        workerId: 'w', maxTasks: 100, usePriority: false,
        topics: [{ topicName: leftTopic, lockDurationMs: 60_000 }, { topicName: rightTopic, lockDurationMs: 60_000 }],
      });
      expect(locked).toHaveLength(20);
      await Promise.all(locked.map((task) =>
        fx.engine.completeExternalTask({ id: task.id, workerId: 'w', variables: typed({ [task.activityId]: true }), localVariables: new Map() })));
      for (const started of instances) {
        const id = started.instance.id;
        expect(await count(`SELECT count(*) AS n FROM engine.hist_activity_instance WHERE process_instance_id = $1 AND activity_id = 'after'`, [id])).toBe(1);
        expect(await count(`SELECT count(*) AS n FROM engine.task WHERE process_instance_id = $1`, [id])).toBe(1);
        expect(await count(`SELECT count(*) AS n FROM engine.hist_variable WHERE process_instance_id = $1 AND name IN ('a', 'b')`, [id])).toBe(2);
      }
    },
    60_000,
  );

  it('lets one of two simultaneous correlations of a message win; the other finds nothing waiting', async () => {
    const started = await fx.engine.startProcessInstance({ definition: { by: 'latest', key: 'waitForReply' }, businessKey: 'case-7', variables: new Map() });
    const correlate = (by: string) => fx.engine.correlateMessage({
      messageName: 'CustomerReplied', businessKey: 'case-7', processVariables: typed({ by }), processVariablesLocal: new Map(), all: false,
    });
    const results = await Promise.allSettled([correlate('first'), correlate('second')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(rejected.reason)).toMatch(/Cannot correlate message 'CustomerReplied'/);
    expect(await count(`SELECT count(*) AS n FROM engine.hist_activity_instance WHERE process_instance_id = $1 AND activity_id = 'after'`, [started.instance.id])).toBe(1);
  });
});
