import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../../support/crm-client.js';
import { eventually } from '../../support/eventually.js';
import { RestClient } from '../../support/rest-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** a model whose only step mails `to` (an input, so `${...}` takes it from a variable) */
const notifyModel = (key: string, to: string) => bpmn(key, `
  <startEvent id="start"/>
  <serviceTask id="tell" camunda:type="external" camunda:topic="crm.notify">
    <extensionElements><camunda:inputOutput>
      <camunda:inputParameter name="subject">Deals export</camunda:inputParameter>
      <camunda:inputParameter name="body">{{dealList}}</camunda:inputParameter>
      <camunda:inputParameter name="to">${to}</camunda:inputParameter>
    </camunda:inputOutput></extensionElements>
  </serviceTask>
  <endEvent id="end"/>
  ${flows('start', 'tell', 'end')}`);

describe('crm.notify writes only to the CRM and the allow-list', () => {
  let app: TestApp;
  let api: RestClient;
  let crm: CrmClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false', NOTIFY_ALLOWED_RECIPIENTS: 'audit@bank.example,@partner.example' } });
    api = new RestClient(app.rest, app.adminAuth);
    crm = new CrmClient(app.url, app.adminAuth);
    const deployed = await api.deploy([
      { name: 'outside.bpmn', content: notifyModel('e2e_notify_outside', 'collector@outside.example') },
      { name: 'variable.bpmn', content: notifyModel('e2e_notify_variable', '${mailTo}') },
      { name: 'partner.bpmn', content: notifyModel('e2e_notify_partner', 'desk@partner.example') },
    ]);
    expect(deployed.status).toBe(200);
  });
  afterAll(() => app?.close());

  const start = async (key: string, variables: Record<string, { value: unknown; type: string }> = {}) =>
    (await api.post(`/process-definition/key/${key}/start`, { variables })).body.id as string;
  const incidentOf = (instanceId: string) =>
    eventually(async () => {
      const [incident] = (await api.get('/incident', { processInstanceId: instanceId })).body as { incidentMessage: string; activityId: string }[];
      if (!incident) throw new Error(`no incident on ${instanceId} yet`);
      return incident;
    }, { timeoutMs: 60_000 });
  const outboxTo = async (address: string) => (await crm.ok('GET', '/api/outbox', { recipient: address })).items as { subject: string }[];

  it('fails the task into an incident for an address outside the CRM, and mails nothing', async () => {
    const instance = await start('e2e_notify_outside');
    const incident = await incidentOf(instance);
    expect(incident).toMatchObject({ activityId: 'tell', incidentMessage: expect.stringContaining("Refused recipient 'collector@outside.example'") });
    expect(incident.incidentMessage).toContain('NOTIFY_ALLOWED_RECIPIENTS');
    expect(await outboxTo('collector@outside.example')).toEqual([]);
  });

  it('refuses an address a process variable supplies, and a list smuggled into one', async () => {
    const single = await start('e2e_notify_variable', { mailTo: { value: 'me@attacker.example', type: 'String' } });
    expect((await incidentOf(single)).incidentMessage).toContain("Refused recipient 'me@attacker.example'");
    const list = await start('e2e_notify_variable', { mailTo: { value: 'desk@partner.example, me@attacker.example', type: 'String' } });
    expect((await incidentOf(list)).incidentMessage).toContain("Expected 'to' to be one email address");
    expect(await outboxTo('me@attacker.example')).toEqual([]);
  });

  it('writes to an allow-listed domain', async () => {
    const instance = await start('e2e_notify_partner');
    await eventually(async () => expect((await api.get(`/history/process-instance/${instance}`)).body.state).toBe('COMPLETED'), { timeoutMs: 60_000 });
    expect((await outboxTo('desk@partner.example')).map((m) => m.subject)).toEqual(['Deals export']);
  });
});
