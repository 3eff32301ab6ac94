import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../support/crm-client.js';
import { expectErrorBody, RestClient } from '../support/rest-client.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

interface Started { id: string; definitionId: string; businessKey: string | null; ended: boolean }

const conditionalStart = (id: string, condition: string) =>
  `<startEvent id="${id}"><conditionalEventDefinition><condition xsi:type="tFormalExpression">${condition}</condition></conditionalEventDefinition></startEvent>`;

/** large orders start a review; any order over 100 also a credit check, which ends at once */
const review = bpmn('large_order_review', `
  ${conditionalStart('largeOrder', '${amount > 10000}')}
  <userTask id="review"/>
  <endEvent id="end"/>
  ${flows('largeOrder', 'review', 'end')}`);
const creditCheck = bpmn('credit_check', `
  ${conditionalStart('anyOrder', '${amount > 100}')}
  <endEvent id="done"/>
  ${flows('anyOrder', 'done')}`);

/**
 * POST /engine-rest/condition (Camunda 7.x): conditional start events of processes, evaluated with
 * the variables the request brings; each one whose condition holds starts an instance.
 */
describe('conditional start events of a process, started by POST /condition', () => {
  let app: TestApp;
  let rest: RestClient;
  let reviewDefinitionId: string;

  const startedCount = async (key: string) => (await rest.get<{ count: number }>('/history/process-instance/count', { processDefinitionKey: key })).body.count;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    rest = new RestClient(app.rest, app.adminAuth);
  });
  afterAll(() => app?.close());

  it('refuses the evaluation while no process has a conditional start event', async () => {
    const refused = await rest.post<{ message: string }>('/condition', { variables: { amount: { value: 50000, type: 'Long' } } });
    expectErrorBody(refused, 400);
    expect(refused.body.message).toContain('No subscriptions were found');
  });

  it('starts every process whose start condition holds for the variables, with them and the business key', async () => {
    const deployed = await rest.deploy([{ name: 'review.bpmn', content: review }, { name: 'credit.bpmn', content: creditCheck }]);
    expect(deployed.status).toBe(200);
    reviewDefinitionId = (await rest.get<{ id: string }>('/process-definition/key/large_order_review')).body.id;

    const both = await rest.post<Started[]>('/condition', { variables: { amount: { value: 50000, type: 'Long' } }, businessKey: 'order-1' });
    expect(both.status).toBe(200);
    expect(both.body.map((s) => [s.definitionId.split(':')[0], s.businessKey, s.ended]).sort()).toEqual([['credit_check', 'order-1', true], ['large_order_review', 'order-1', false]]);
    const reviewInstance = both.body.find((s) => s.definitionId === reviewDefinitionId)!;
    expect((await rest.get<{ taskDefinitionKey: string }[]>('/task', { processInstanceId: reviewInstance.id })).body.map((t) => t.taskDefinitionKey)).toEqual(['review']);
    expect((await rest.get<{ value: unknown }>(`/process-instance/${reviewInstance.id}/variables/amount`)).body.value).toBe(50000);
    expect((await rest.get<{ startActivityId: string }>(`/history/process-instance/${reviewInstance.id}`)).body.startActivityId).toBe('largeOrder');

    const small = await rest.post<Started[]>('/condition', { variables: { amount: { value: 500, type: 'Long' } } });
    expect(small.body.map((s) => s.definitionId.split(':')[0])).toEqual(['credit_check']);
    // a condition over a variable the request does not bring is false, not an error
    expect((await rest.post<Started[]>('/condition', { variables: {} })).body).toEqual([]);
    expect(await startedCount('large_order_review')).toBe(1);
  });

  it('evaluates only the given definition when asked, and only the latest versions', async () => {
    const only = await rest.post<Started[]>('/condition', { variables: { amount: { value: 50000, type: 'Long' } }, processDefinitionId: reviewDefinitionId });
    expect(only.body.map((s) => s.definitionId)).toEqual([reviewDefinitionId]);

    // version 2 asks for more: version 1 no longer starts
    const stricter = review.replace('${amount > 10000}', '${amount > 100000}').replace('<userTask id="review"/>', '<userTask id="review" name="Review v2"/>');
    expect((await rest.deploy([{ name: 'review.bpmn', content: stricter }])).status).toBe(200);
    const before = await startedCount('large_order_review');
    const afterRedeploy = await rest.post<Started[]>('/condition', { variables: { amount: { value: 50000, type: 'Long' } } });
    expect(afterRedeploy.body.map((s) => s.definitionId.split(':')[0])).toEqual(['credit_check']);
    expect(await startedCount('large_order_review')).toBe(before);
    expectErrorBody(await rest.post('/condition', { variables: { amount: { value: 50000, type: 'Long' } }, processDefinitionId: reviewDefinitionId }), 400);
  });

  it('refuses bad input with a 400 naming it, and starts nothing', async () => {
    const before = await startedCount('credit_check');
    expectErrorBody(await rest.post('/condition', { variables: { amount: { value: 'many', type: 'Long' } } }), 400);
    expectErrorBody(await rest.post('/condition', { variables: [] }), 400);
    expectErrorBody(await rest.post('/condition', { tenantId: 't1', withoutTenantId: true }), 400);
    expectErrorBody(await rest.post('/condition', { businessKey: 7 }), 400);
    expect(await startedCount('credit_check')).toBe(before);
  });

  it('takes the right to send events: 401 without credentials, 403 for a manager', async () => {
    const before = await startedCount('credit_check');
    expectErrorBody(await new RestClient(app.rest, {}).post('/condition', { variables: { amount: { value: 500, type: 'Long' } } }), 401);
    const manager = await new CrmClient(app.url, app.adminAuth).ok<{ id: string }>('POST', '/api/users', {
      name: 'Cora Manager', email: `cora.${Date.now()}@condition.test`, role: 'manager', level: 'junior', password: TEST_USER_PASSWORD,
    });
    expectErrorBody(await new RestClient(app.rest, basicAuth(manager.id, TEST_USER_PASSWORD)).post('/condition', { variables: { amount: { value: 500, type: 'Long' } } }), 403);
    expect(await startedCount('credit_check')).toBe(before);
  });
});
