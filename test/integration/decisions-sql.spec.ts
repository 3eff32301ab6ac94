import { randomUUID } from 'node:crypto';
import { SqlDecisionQueries } from '../../engine/adapters/typeorm/queries/sql-decision-queries.js';
import { SqlEngineStore } from '../../engine/adapters/typeorm/sql-engine-store.js';
import { Engine } from '../../engine/core/engine.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { typed } from '../../engine/testing/engine-harness.js';
import { FakeDecisionModels } from '../../engine/testing/fake-decisions.js';
import { InlineDispatcher } from '../../engine/testing/inline-dispatcher.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

const DMN = FakeDecisionModels.resource;

/** DMN decisions on the SQL store: definitions, versions, lookups, history rows and the decision queries (a fake evaluator behind the seam) */
describe('decisions on the SQL store', () => {
  let db: TestDatabase;
  let engine: Engine;
  let queries: SqlDecisionQueries;
  const fake = new FakeDecisionModels()
    .define('pricing', 'tier', (v) => [{ tier: Number(v['amount']) >= 1000 ? 'gold' : 'basic' }])
    .define('pricing', 'discount', (v) => (Number(v['amount']) >= 1000 ? [{ discount: 0.1 }, { discount: 0.05 }] : []), { requires: ['tier'] })
    .define('pricing2', 'tier', () => [{ tier: 'v2' }], { versionTag: 'two' });

  beforeAll(async () => {
    db = await openTestDatabase();
    engine = new Engine({
      store: new SqlEngineStore(db.dataSource),
      dispatcher: new InlineDispatcher(),
      clock: { now: () => new Date() },
      ids: { next: () => randomUUID() },
      handlers: { handlerFor: () => undefined },
      workerId: 'spec',
      decisions: fake,
    });
    queries = new SqlDecisionQueries(db.dataSource);
  });
  afterAll(() => db?.close());

  const deploy = (name: string, resources: { name: string; content: string }[], tenantId: string | null = null, filtering = false) =>
    engine.deploy({ name, source: null, tenantId, enableDuplicateFiltering: filtering, deployChangedOnly: false, resources });

  const process = bpmn('quote', `
    <startEvent id="start"/>
    <businessRuleTask id="price" camunda:decisionRef="discount" camunda:mapDecisionResult="collectEntries" camunda:resultVariable="discounts"/>
    <userTask id="review"/>
    ${flows('start', 'price', 'review')}`);

  it('stores a decision requirements definition per DMN resource and a decision definition per decision, versioned per key', async () => {
    const first = await deploy('pricing', [{ name: 'pricing.dmn', content: DMN('pricing') }, { name: 'quote.bpmn', content: process }]);
    expect(first.decisionRequirementsDefinitions).toEqual([expect.objectContaining({ key: 'pricing', version: 1, resourceName: 'pricing.dmn', category: 'http://example.com/dmn' })]);
    expect(first.decisionDefinitions!.map((d) => d.id)).toEqual([expect.stringMatching(/^tier:1:/), expect.stringMatching(/^discount:1:/)]);
    expect(first.warnings).toEqual({});

    const second = await deploy('pricing2', [{ name: 'tier.dmn', content: DMN('pricing2') }]);
    expect(second.decisionDefinitions).toEqual([expect.objectContaining({ key: 'tier', version: 2, versionTag: 'two', decisionRequirementsDefinitionKey: 'pricing2' })]);

    expect(await queries.countDecisionDefinitions({ key: 'tier' })).toBe(2);
    expect((await queries.decisionDefinitions({ filter: { key: 'tier', latestVersion: true } })).map((d) => d.version)).toEqual([2]);
    expect((await queries.decisionDefinitions({ filter: { decisionRequirementsDefinitionKey: 'pricing' }, sorting: [{ sortBy: 'key', sortOrder: 'asc' }] })).map((d) => d.key)).toEqual(['discount', 'tier']);
    expect(await queries.countRequirementsDefinitions({})).toBe(2);
    expect(await queries.dmnXml('decision', first.decisionDefinitions![0]!.id)).toBe(DMN('pricing'));
    expect(await queries.dmnXml('requirements', first.decisionRequirementsDefinitions![0]!.id)).toBe(DMN('pricing'));
    expect(await queries.dmnXml('decision', 'nope')).toBeNull();
  });

  it('duplicate filtering deploys an unchanged DMN resource once', async () => {
    const once = await deploy('filtered', [{ name: 'p.dmn', content: DMN('pricing2') }], 'acme', true);
    const again = await deploy('filtered', [{ name: 'p.dmn', content: DMN('pricing2') }], 'acme', true);
    expect(again.deployment.id).toBe(once.deployment.id);
    expect(again.decisionDefinitions).toBeNull();
    expect(await queries.countDecisionDefinitions({ key: 'tier', tenantIdIn: ['acme'] })).toBe(1);
  });

  it('a business rule task evaluates in the command and writes the root and required evaluations, found by the history query', async () => {
    const started = await engine.startProcessInstance({ definition: { by: 'latest', key: 'quote' }, businessKey: null, variables: typed({ amount: 5000 }) });
    const id = started.instance.id;
    const [variable] = await db.dataSource.query(`SELECT text_value FROM engine.variable WHERE process_instance_id = $1 AND name = 'discounts'`, [id]);
    expect(JSON.parse(variable.text_value)).toEqual([0.1, 0.05]);

    const rows = await queries.historicDecisionInstances({ filter: { processInstanceId: id }, sorting: [{ sortBy: 'evaluationTime', sortOrder: 'asc' }] });
    expect(rows).toHaveLength(2);
    const root = rows.find((r) => r.rootDecisionInstanceId === null)!;
    expect(root).toMatchObject({
      decisionDefinitionKey: 'discount', processDefinitionKey: 'quote', activityId: 'price', decisionRequirementsDefinitionKey: 'pricing',
      outputs: [expect.objectContaining({ ruleOrder: 1, value: 0.1, type: 'Double' }), expect.objectContaining({ ruleOrder: 2, value: 0.05 })],
      inputs: [expect.objectContaining({ clauseId: 'discount_in', type: 'Integer', value: 5000 })],
    });
    expect(root.evaluationTime).toBeInstanceOf(Date);
    expect(rows.find((r) => r.id !== root.id)).toMatchObject({ decisionDefinitionKey: 'tier', rootDecisionInstanceId: root.id, decisionDefinitionId: expect.stringMatching(/^tier:1:/) });

    expect(await queries.countHistoricDecisionInstances({ rootDecisionInstancesOnly: true, processInstanceId: id })).toBe(1);
    expect(await queries.countHistoricDecisionInstances({ rootDecisionInstanceId: root.id })).toBe(2);
    expect(await queries.countHistoricDecisionInstances({ activityIdIn: ['price'], decisionDefinitionKey: 'discount' })).toBeGreaterThanOrEqual(1);
    expect(await queries.countHistoricDecisionInstances({ evaluatedAfter: new Date(Date.now() + 60_000) })).toBe(0);
  });

  it('an evaluation outside a process is kept without process fields; a viewer who does not see everything sees only their own', async () => {
    const result = await engine.evaluateDecision({ by: 'latest', key: 'tier', tenantId: null }, { amount: 1 }, 'user-1');
    expect(result).toEqual([{ tier: 'v2' }]);
    const [row] = await queries.historicDecisionInstances({ filter: { userId: 'user-1' } });
    expect(row).toMatchObject({ processInstanceId: null, activityId: null, decisionDefinitionKey: 'tier', userId: 'user-1' });
    expect(await queries.countHistoricDecisionInstances({ userId: 'user-1', visibleTo: { userId: 'user-1', groups: [], records: 'none' } })).toBe(1);
    expect(await queries.countHistoricDecisionInstances({ userId: 'user-1', visibleTo: { userId: 'user-2', groups: [], records: 'none' } })).toBe(0);
  });

  it('deleting a deployment with cascade removes its decision definitions and the decision history of its instances', async () => {
    const deployed = await deploy('to-delete', [{ name: 'pricing.dmn', content: DMN('pricing') }, { name: 'quote.bpmn', content: process }]);
    const definitionId = deployed.definitions![0]!.id;
    const started = await engine.startProcessInstance({ definition: { by: 'id', id: definitionId }, businessKey: null, variables: typed({ amount: 5000 }) });
    expect(await queries.countHistoricDecisionInstances({ processInstanceId: started.instance.id })).toBe(2);
    await engine.deleteDeployment(deployed.deployment.id, { cascade: true });
    expect(await queries.countDecisionDefinitions({ deploymentId: deployed.deployment.id })).toBe(0);
    expect(await queries.countRequirementsDefinitions({ deploymentId: deployed.deployment.id })).toBe(0);
    expect(await queries.countHistoricDecisionInstances({ processInstanceId: started.instance.id })).toBe(0);
  });
});
