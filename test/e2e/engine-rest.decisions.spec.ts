import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { RestClient, expectErrorBody } from '../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

/*
 * DMN decisions through the Camunda 7 REST API (issue 15), on the real evaluator
 * (engine/core/dmn): deployment, business rule tasks, /decision-definition, evaluate,
 * /decision-requirements-definition and /history/decision-instance, with their access rules.
 */

const dmn = (body: string, id = 'e2e_pricing', name = 'Pricing') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
  id="${id}" name="${name}" namespace="http://camunda.org/schema/1.0/dmn">
${body}
</definitions>`;

/** UNIQUE: amount < 1000 → 0, amount >= 1000 → 0.1 */
const discountDecision = (versionTag = 'v1') => `
  <decision id="e2e_discount" name="Discount" camunda:versionTag="${versionTag}">
    <decisionTable id="dt_discount" hitPolicy="UNIQUE">
      <input id="in_amount" label="Amount"><inputExpression id="ie_amount" typeRef="number"><text>amount</text></inputExpression></input>
      <output id="out_discount" label="Discount" name="discount" typeRef="number"/>
      <rule id="r_small"><inputEntry id="r_small_in"><text>&lt; 1000</text></inputEntry><outputEntry id="r_small_out"><text>0</text></outputEntry></rule>
      <rule id="r_big"><inputEntry id="r_big_in"><text>&gt;= 1000</text></inputEntry><outputEntry id="r_big_out"><text>0.1</text></outputEntry></rule>
    </decisionTable>
  </decision>`;

/** COLLECT: every flag whose rule matches the customer's country and amount */
const flagsDecision = `
  <decision id="e2e_flags" name="Flags">
    <decisionTable id="dt_flags" hitPolicy="COLLECT">
      <input id="in_country" label="Country"><inputExpression id="ie_country" typeRef="string"><text>country</text></inputExpression></input>
      <input id="in_amount2" label="Amount"><inputExpression id="ie_amount2" typeRef="number"><text>amount</text></inputExpression></input>
      <output id="out_flag" label="Flag" name="flag" typeRef="string"/>
      <rule id="r_export"><inputEntry id="r_export_c"><text>not("DE")</text></inputEntry><inputEntry id="r_export_a"><text>-</text></inputEntry><outputEntry id="r_export_o"><text>"export"</text></outputEntry></rule>
      <rule id="r_large"><inputEntry id="r_large_c"><text>-</text></inputEntry><inputEntry id="r_large_a"><text>&gt; 10000</text></inputEntry><outputEntry id="r_large_o"><text>"large"</text></outputEntry></rule>
    </decisionTable>
  </decision>`;

/** FIRST: the first matching tier */
const tierDecision = `
  <decision id="e2e_tier" name="Tier">
    <decisionTable id="dt_tier" hitPolicy="FIRST">
      <input id="in_amount3" label="Amount"><inputExpression id="ie_amount3" typeRef="number"><text>amount</text></inputExpression></input>
      <output id="out_tier" label="Tier" name="tier" typeRef="string"/>
      <rule id="r_gold"><inputEntry id="r_gold_in"><text>&gt;= 5000</text></inputEntry><outputEntry id="r_gold_out"><text>"gold"</text></outputEntry></rule>
      <rule id="r_any"><inputEntry id="r_any_in"><text>-</text></inputEntry><outputEntry id="r_any_out"><text>"basic"</text></outputEntry></rule>
    </decisionTable>
  </decision>`;

const quoteProcess = bpmn('e2e_quote', `
  <startEvent id="start"/>
  <businessRuleTask id="price" name="Price" camunda:decisionRef="e2e_discount" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="discount"/>
  <businessRuleTask id="flag" camunda:decisionRef="e2e_flags" camunda:mapDecisionResult="collectEntries" camunda:resultVariable="flags"/>
  <businessRuleTask id="tier" camunda:decisionRef="e2e_tier" camunda:decisionRefBinding="deployment" camunda:mapDecisionResult="singleResult" camunda:resultVariable="tier"/>
  <userTask id="review" camunda:assignee="\${reviewer}"/>
  ${flows('start', 'price', 'flag', 'tier', 'review')}`);

describe('REST: DMN decisions', () => {
  let app: TestApp;
  let api: RestClient;
  let manager: RestClient;
  let managerId: string;
  let ops: RestClient;
  let deploymentId: string;

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    const crm = new CrmClient(app.url, app.adminAuth);
    managerId = (await crm.ok<{ id: string }>('POST', '/api/users', { name: 'Dora Decider', email: `dora.${Date.now()}@e2e.test`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD })).id;
    manager = new RestClient(app.rest, basicAuth(managerId, TEST_USER_PASSWORD));
    const opsId = (await crm.ok<{ id: string }>('POST', '/api/users', { name: 'Otto Ops', email: `otto.${Date.now()}@e2e.test`, role: 'ops', password: TEST_USER_PASSWORD })).id;
    ops = new RestClient(app.rest, basicAuth(opsId, TEST_USER_PASSWORD));
    const deployed = await api.deploy(
      [{ name: 'pricing.dmn', content: dmn(discountDecision() + flagsDecision + tierDecision) }, { name: 'quote.bpmn', content: quoteProcess }],
      { 'deployment-name': 'e2e-decisions' },
    );
    expect(deployed.status).toBe(200);
    deploymentId = deployed.body.id;
  });
  afterAll(() => app?.close());

  describe('deployment', () => {
    it('answers the deployed decision and decision requirements definitions, keyed by id', async () => {
      const again = await api.deploy([{ name: 'pricing.dmn', content: dmn(discountDecision('v2')) }], { 'deployment-name': 'e2e-decisions-v2' });
      expect(again.status).toBe(200);
      const decisions = Object.values(again.body.deployedDecisionDefinitions) as { id: string; key: string; version: number; versionTag: string }[];
      expect(decisions).toEqual([expect.objectContaining({ key: 'e2e_discount', version: 2, versionTag: 'v2', resource: 'pricing.dmn', decisionRequirementsDefinitionKey: 'e2e_pricing' })]);
      expect(decisions[0]!.id).toMatch(/^e2e_discount:2:/);
      expect(Object.values(again.body.deployedDecisionRequirementsDefinitions)).toEqual([expect.objectContaining({ key: 'e2e_pricing', version: 2, name: 'Pricing' })]);
      expect(again.body.deployedProcessDefinitions).toBeNull();
    });

    it('refuses a broken DMN resource with a 400 ParseException naming the file, and still refuses CMMN', async () => {
      const broken = await api.deploy([{ name: 'broken.dmn', content: '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="x"><decision id="d"' }]);
      expectErrorBody(broken, 400, 'ParseException');
      expect(broken.body.message).toContain('broken.dmn');
      const cmmn = await api.deploy([{ name: 'case.cmmn', content: '<definitions/>' }]);
      expectErrorBody(cmmn, 400, 'ParseException');
      expect(cmmn.body.message).toContain('CMMN');
    });

    it('warns (not refuses) when a business rule task names a decision deployed nowhere', async () => {
      const lonely = bpmn('e2e_lonely', `<startEvent id="s"/><businessRuleTask id="decide" camunda:decisionRef="e2e_not_yet"/><endEvent id="e"/>${flows('s', 'decide', 'e')}`);
      const deployed = await api.deploy([{ name: 'lonely.bpmn', content: lonely }]);
      expect(deployed.status).toBe(200);
      expect(JSON.stringify(deployed.body.warnings)).toContain('decision-ref-unresolved');
    });
  });

  describe('GET /decision-definition', () => {
    it('lists with Camunda filters, sorting and paging; counts', async () => {
      const all = await manager.get('/decision-definition', { key: 'e2e_discount', sortBy: 'version', sortOrder: 'asc' });
      expect(all.status).toBe(200);
      expect(all.body.map((d: { version: number }) => d.version)).toEqual([1, 2]);
      expect(all.body[0]).toEqual({
        id: expect.stringMatching(/^e2e_discount:1:/), key: 'e2e_discount', category: 'http://camunda.org/schema/1.0/dmn', name: 'Discount', version: 1,
        resource: 'pricing.dmn', deploymentId, decisionRequirementsDefinitionId: expect.stringMatching(/^e2e_pricing:1:/), decisionRequirementsDefinitionKey: 'e2e_pricing',
        tenantId: null, versionTag: 'v1', historyTimeToLive: null,
      });
      expect((await manager.get('/decision-definition', { keyLike: 'e2e_%', latestVersion: true, sortBy: 'key', sortOrder: 'asc' })).body.map((d: { key: string; version: number }) => `${d.key}:${d.version}`))
        .toEqual(['e2e_discount:2', 'e2e_flags:1', 'e2e_tier:1']);
      expect((await manager.get('/decision-definition/count', { deploymentId })).body).toEqual({ count: 3 });
      expect((await manager.get('/decision-definition/count', { decisionRequirementsDefinitionKey: 'e2e_pricing', versionTag: 'v2' })).body).toEqual({ count: 1 });
      expect((await manager.get('/decision-definition', { key: 'e2e_discount', sortBy: 'version', sortOrder: 'desc', firstResult: 1, maxResults: 1 })).body.map((d: { version: number }) => d.version)).toEqual([1]);
      expect((await manager.get('/decision-definition', { nameLike: 'Fla%' })).body.map((d: { key: string }) => d.key)).toEqual(['e2e_flags']);
    });

    it('finds by id, by key (latest, no tenant) and key + tenant; answers the DMN XML', async () => {
      const latest = await manager.get('/decision-definition/key/e2e_discount');
      expect(latest.body).toMatchObject({ key: 'e2e_discount', version: 2 });
      expect((await manager.get(`/decision-definition/${latest.body.id}`)).body).toEqual(latest.body);
      const xml = await manager.get(`/decision-definition/${latest.body.id}/xml`);
      expect(xml.body).toEqual({ id: latest.body.id, dmnXml: expect.stringContaining('camunda:versionTag="v2"') });
      expect((await manager.get('/decision-definition/key/e2e_tier/xml')).body.dmnXml).toContain('id="e2e_tier"');
      expectErrorBody(await manager.get('/decision-definition/key/e2e_discount/tenant-id/nobody'), 404);
    });

    it('answers 404 for unknown ids and keys, 400 for bad parameters', async () => {
      expectErrorBody(await manager.get('/decision-definition/no-such-id'), 404);
      expectErrorBody(await manager.get('/decision-definition/no-such-id/xml'), 404);
      expectErrorBody(await manager.get('/decision-definition/key/no_such_key'), 404);
      expectErrorBody(await manager.get('/decision-definition', { version: 'one' }), 400);
      expectErrorBody(await manager.get('/decision-definition', { sortBy: 'colour', sortOrder: 'asc' }), 400);
    });
  });

  describe('POST /decision-definition/.../evaluate', () => {
    it('evaluates by key (UNIQUE) and answers typed outputs per matched rule', async () => {
      const evaluated = await manager.post('/decision-definition/key/e2e_discount/evaluate', { variables: { amount: { value: 5000, type: 'Integer' } } });
      expect(evaluated.status).toBe(200);
      expect(evaluated.body).toEqual([{ discount: { value: 0.1, type: 'Double', valueInfo: {} } }]);
    });

    it('evaluates by id (COLLECT: one map per matched rule; FIRST: the first)', async () => {
      const [flags] = (await manager.get('/decision-definition', { key: 'e2e_flags' })).body;
      const collected = await manager.post(`/decision-definition/${flags.id}/evaluate`, { variables: { country: { value: 'FR', type: 'String' }, amount: { value: 20000, type: 'Integer' } } });
      expect(collected.body).toEqual([{ flag: { value: 'export', type: 'String', valueInfo: {} } }, { flag: { value: 'large', type: 'String', valueInfo: {} } }]);
      const none = await manager.post(`/decision-definition/${flags.id}/evaluate`, { variables: { country: { value: 'DE', type: 'String' }, amount: { value: 10, type: 'Integer' } } });
      expect(none.body).toEqual([]);
      const tier = await manager.post('/decision-definition/key/e2e_tier/evaluate', { variables: { amount: { value: 7000, type: 'Long' } } });
      expect(tier.body).toEqual([{ tier: { value: 'gold', type: 'String', valueInfo: {} } }]);
    });

    it('answers 404 for an unknown decision, 400 naming the field for bad variables', async () => {
      expectErrorBody(await manager.post('/decision-definition/key/no_such_key/evaluate', { variables: {} }), 404);
      expectErrorBody(await manager.post('/decision-definition/no-such-id/evaluate', { variables: {} }), 404);
      const badType = await manager.post('/decision-definition/key/e2e_discount/evaluate', { variables: { amount: { value: 'lots', type: 'Integer' } } });
      expectErrorBody(badType, 400);
      expect(badType.body.message).toContain('amount');
      const notAMap = await manager.post('/decision-definition/key/e2e_discount/evaluate', { variables: 'amount=5' });
      expectErrorBody(notAMap, 400);
      expect(notAMap.body.message).toContain('variables');
    });

    it('takes engine.start (every role holds it: ops too); without credentials 401', async () => {
      expect((await ops.post('/decision-definition/key/e2e_discount/evaluate', { variables: { amount: { value: 1, type: 'Integer' } } })).status).toBe(200);
      const anonymous = await fetch(`${app.rest}/decision-definition/key/e2e_discount/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(anonymous.status).toBe(401);
      expect((await fetch(`${app.rest}/decision-definition`)).status).toBe(401);
      for (const path of ['/decision-requirements-definition', '/decision-requirements-definition/count', '/history/decision-instance', '/history/decision-instance/count']) {
        expect((await fetch(`${app.rest}${path}`)).status).toBe(401);
      }
    });
  });

  describe('GET /decision-requirements-definition', () => {
    it('lists, counts, finds by id and answers the XML', async () => {
      const list = await manager.get('/decision-requirements-definition', { key: 'e2e_pricing', sortBy: 'version', sortOrder: 'asc' });
      expect(list.body.map((d: { version: number }) => d.version)).toEqual([1, 2]);
      expect(list.body[0]).toEqual({ id: expect.stringMatching(/^e2e_pricing:1:/), key: 'e2e_pricing', name: 'Pricing', category: 'http://camunda.org/schema/1.0/dmn', version: 1, resource: 'pricing.dmn', deploymentId, tenantId: null });
      expect((await manager.get('/decision-requirements-definition/count', { key: 'e2e_pricing', latestVersion: true })).body).toEqual({ count: 1 });
      expect((await manager.get(`/decision-requirements-definition/${list.body[0].id}`)).body).toEqual(list.body[0]);
      expect((await manager.get(`/decision-requirements-definition/${list.body[0].id}/xml`)).body.dmnXml).toContain('id="e2e_flags"');
      expectErrorBody(await manager.get('/decision-requirements-definition/no-such-id'), 404);
      expectErrorBody(await manager.get('/decision-requirements-definition/no-such-id/xml'), 404);
    });
  });

  describe('business rule tasks and GET /history/decision-instance', () => {
    let instanceId: string;

    beforeAll(async () => {
      const started = await api.post('/process-definition/key/e2e_quote/start', {
        variables: { amount: { value: 20000, type: 'Integer' }, country: { value: 'FR', type: 'String' }, reviewer: { value: managerId, type: 'String' } },
      });
      expect(started.status).toBe(200);
      instanceId = started.body.id;
    });

    it('maps each result into the process variables and moves on', async () => {
      const variables = (await api.get(`/process-instance/${instanceId}/variables`)).body;
      expect(variables.discount).toMatchObject({ value: 0.1, type: 'Double' });
      expect(JSON.parse(variables.flags.value)).toEqual(['export', 'large']);
      expect(JSON.parse(variables.tier.value)).toEqual({ tier: 'gold' });
      expect((await api.get('/task', { processInstanceId: instanceId })).body.map((t: { taskDefinitionKey: string }) => t.taskDefinitionKey)).toEqual(['review']);
    });

    it('keeps one evaluation per business rule task, with Camunda fields, inputs and outputs on request', async () => {
      const list = await api.get('/history/decision-instance', { processInstanceId: instanceId, sortBy: 'evaluationTime', sortOrder: 'asc' });
      expect(list.body).toHaveLength(3);
      const price = list.body.find((d: { activityId: string }) => d.activityId === 'price');
      expect(price).toMatchObject({
        decisionDefinitionKey: 'e2e_discount', decisionDefinitionName: 'Discount', processDefinitionKey: 'e2e_quote', processInstanceId: instanceId,
        decisionDefinitionId: expect.stringMatching(/^e2e_discount:2:/), rootDecisionInstanceId: null, decisionRequirementsDefinitionKey: 'e2e_pricing',
        evaluationTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/), inputs: null, outputs: null,
      });
      expect(price.activityInstanceId).toEqual(expect.any(String));
      const detailed = await api.get(`/history/decision-instance/${price.id}`, { includeInputs: true, includeOutputs: true });
      expect(detailed.body.inputs).toEqual([expect.objectContaining({ clauseId: 'in_amount', clauseName: 'Amount', decisionInstanceId: price.id, type: 'Integer', value: 20000 })]);
      expect(detailed.body.outputs).toEqual([expect.objectContaining({ clauseId: 'out_discount', clauseName: 'Discount', ruleId: 'r_big', ruleOrder: 1, variableName: 'discount', value: 0.1 })]);
      const flags = await api.get('/history/decision-instance', { activityIdIn: 'flag', processInstanceId: instanceId, includeOutputs: true });
      expect(flags.body[0].outputs.map((o: { ruleId: string; value: string }) => [o.ruleId, o.value])).toEqual([['r_export', 'export'], ['r_large', 'large']]);
      expect((await api.get('/history/decision-instance/count', { decisionDefinitionKey: 'e2e_tier', processDefinitionKey: 'e2e_quote' })).body).toEqual({ count: 1 });
      expect((await api.get('/history/decision-instance/count', { processInstanceId: instanceId, evaluatedAfter: '2099-01-01T00:00:00.000+0000' })).body).toEqual({ count: 0 });
      expectErrorBody(await api.get('/history/decision-instance/no-such-id'), 404);
      expectErrorBody(await api.get('/history/decision-instance', { evaluatedAfter: 'yesterday' }), 400);
    });

    it("shows a manager the evaluations of instances they see, and outside a process only their own", async () => {
      await api.post('/decision-definition/key/e2e_tier/evaluate', { variables: { amount: { value: 2, type: 'Integer' } } });
      await manager.post('/decision-definition/key/e2e_tier/evaluate', { variables: { amount: { value: 1, type: 'Integer' } } });
      const standalone = (await api.get('/history/decision-instance', { decisionDefinitionKey: 'e2e_tier', rootDecisionInstancesOnly: true })).body.filter((d: { processInstanceId: string | null }) => d.processInstanceId === null);
      const own = standalone.find((d: { userId: string }) => d.userId === managerId);
      const others = standalone.find((d: { userId: string }) => d.userId !== managerId);
      expect(own && others).toBeTruthy();
      // the review task is assigned to the manager: they see this instance and its evaluations
      expect((await manager.get('/history/decision-instance/count', { processInstanceId: instanceId })).body).toEqual({ count: 3 });
      // of e2e_tier: the instance's evaluation and their own outside a process, not the admin's
      const all = (await api.get('/history/decision-instance', { decisionDefinitionKey: 'e2e_tier' })).body as { processInstanceId: string | null; userId: string | null }[];
      const theirs = all.filter((d) => d.processInstanceId === instanceId || (d.processInstanceId === null && d.userId === managerId));
      expect(theirs.length).toBeLessThan(all.length);
      expect((await manager.get('/history/decision-instance/count', { decisionDefinitionKey: 'e2e_tier' })).body).toEqual({ count: theirs.length });
      expect((await manager.get(`/history/decision-instance/${own.id}`)).status).toBe(200);
      expectErrorBody(await manager.get(`/history/decision-instance/${others.id}`), 404);
      expect((await ops.get(`/history/decision-instance/${others.id}`)).status).toBe(200);
    });
  });

  it('deleting the deployment with cascade removes its decision definitions', async () => {
    expect((await api.delete(`/deployment/${deploymentId}?cascade=true`)).status).toBe(204);
    expect((await api.get('/decision-definition/count', { deploymentId })).body).toEqual({ count: 0 });
    expect((await api.get('/decision-requirements-definition/count', { deploymentId })).body).toEqual({ count: 0 });
  });
});
