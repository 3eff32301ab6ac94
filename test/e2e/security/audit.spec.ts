import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { OpenedDatabase } from '../../../engine/adapters/typeorm/data-source.js';
import { AUDITED, ROUTE_ACCESS, type AuditSpec, type RouteAccess } from '../../../engine/nest/access/index.js';
import { DATABASE } from '../../../engine/nest/tokens.js';
import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { CrmClient } from '../../support/crm-client.js';
import { eventually } from '../../support/eventually.js';
import { RestClient } from '../../support/rest-client.js';
import { sessionHeaders, signIn } from '../../support/sessions.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../../support/test-app.js';

const reviewModel = bpmn('audit_review', `
  <startEvent id="start"/>
  <userTask id="review" camunda:candidateGroups="manager"/>
  <userTask id="approve" camunda:candidateGroups="manager"/>
  <endEvent id="end"/>
  ${flows('start', 'review', 'approve', 'end')}`);

/** an async job that fails (no `ready`), then waits in a user task */
const jobModel = bpmn('audit_job', `
  <startEvent id="start"/>
  <serviceTask id="sync" camunda:asyncBefore="true" camunda:expression="\${ready}"/>
  <userTask id="synced"/>
  ${flows('start', 'sync', 'synced')}`);

const externalModel = bpmn('audit_external', `
  <startEvent id="start"/>
  <serviceTask id="call" camunda:type="external" camunda:topic="audit-topic"/>
  <endEvent id="end"/>
  ${flows('start', 'call', 'end')}`);

/** a variable value no audit row may contain */
const SECRET_VALUE = 'TOP-SECRET-VARIABLE-VALUE';

interface User { id: string; email: string; name: string }
interface Row {
  id: string; at: string; actorId: string | null; actorName: string | null; actorKind: string; viaApiKey: string | null; action: string;
  targetType: string | null; targetId: string | null; outcome: string; status: number | null; clientAddress: string | null; requestId: string | null;
  details: Record<string, any>;
}
interface Page { items: Row[]; total: number; page: number; pageSize: number }

describe('audit log: who did what and when', () => {
  let app: TestApp;
  let admin: CrmClient;
  let rest: RestClient;
  let adminId = '';
  let mary: User;
  let max: User;
  let oscar: User;
  /** every password, token and key the spec used: none may appear in the log */
  const secrets: string[] = [TEST_USER_PASSWORD, SECRET_VALUE];
  let seq = 0;

  const newUser = async (role: string, extra: Record<string, unknown> = { password: TEST_USER_PASSWORD }): Promise<User & { invitation?: { token: string } }> => {
    seq += 1;
    return admin.ok('POST', '/api/users', { name: `${role} ${seq}`, email: `${role}.${seq}.${Date.now()}@audit.test`, role, ...(role === 'manager' ? { level: 'junior' } : {}), ...extra });
  };
  const restAs = (user: User) => new RestClient(app.rest, basicAuth(user.id, TEST_USER_PASSWORD));
  const audit = async (query: Record<string, string | number> = {}): Promise<Page> => admin.ok('GET', '/api/audit', { pageSize: 200, ...query });
  /** the rows of an action on a target, newest first */
  const rowsOf = async (action: string, targetId?: string | null, more: Record<string, string> = {}) => (await audit({ action, ...(targetId ? { targetId } : {}), ...more })).items;
  const onlyRow = async (action: string, targetId?: string | null, more: Record<string, string> = {}) => {
    const rows = await rowsOf(action, targetId, more);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };
  const start = async (key: string): Promise<string> => {
    const started = await rest.post(`/process-definition/key/${key}/start`, {});
    expect(started.status).toBe(200);
    return started.body.id;
  };
  const taskOf = async (instanceId: string): Promise<string> => (await rest.get('/task', { processInstanceId: instanceId })).body[0].id;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    admin = new CrmClient(app.url, app.adminAuth);
    rest = new RestClient(app.rest, app.adminAuth);
    secrets.push(app.admin.password);
    adminId = (await admin.ok<User>('GET', '/api/session')).id;
    mary = await newUser('manager');
    max = await newUser('manager');
    oscar = await newUser('ops');
  });
  afterAll(() => app?.close());

  describe('sign-ins', () => {
    it('records a sign-in and a sign-out with the user, the address and the request', async () => {
      const session = await signIn(app, mary.email.toUpperCase(), TEST_USER_PASSWORD);
      expect(session.status).toBe(200);
      secrets.push(session.cookie.split('=')[1]!);
      expect(await onlyRow('session.sign-in', mary.id)).toMatchObject({
        actorId: mary.id, actorName: mary.name, actorKind: 'user', viaApiKey: null, targetType: 'user', outcome: 'success', status: 200,
        clientAddress: expect.stringContaining('127.0.0.1'), requestId: expect.any(String), details: {},
      });
      expect((await fetch(`${app.url}/api/session`, { method: 'DELETE', headers: sessionHeaders(app, session.cookie) })).status).toBe(204);
      expect(await onlyRow('session.sign-out', mary.id)).toMatchObject({ actorId: mary.id, outcome: 'success' });
    });

    it('records failed sign-ins as anonymous refusals naming the account, once a minute per login', async () => {
      const wrong = await signIn(app, mary.email, 'not-the-password');
      expect(wrong.status).toBe(401);
      secrets.push('not-the-password');
      expect(await onlyRow('session.sign-in-failed', mary.id)).toMatchObject({
        actorId: null, actorKind: 'anonymous', targetType: 'user', outcome: 'refused', status: 401, clientAddress: expect.stringContaining('127.0.0.1'),
        details: { method: 'password', reason: 'wrong-password', login: mary.email.toLowerCase() },
      });

      // HTTP Basic: three wrong guesses at one unknown account within the minute leave one row
      for (let i = 0; i < 3; i++) expect((await fetch(`${app.url}/api/session/users`, { headers: basicAuth('nobody@audit.test', `guess-${i}`) })).status).toBe(401);
      secrets.push('guess-0', 'guess-1', 'guess-2');
      const guesses = (await audit({ action: 'session.sign-in-failed' })).items.filter((r) => r.details['login'] === 'nobody@audit.test');
      expect(guesses).toEqual([expect.objectContaining({ targetId: null, details: { method: 'password', reason: 'unknown-account', login: 'nobody@audit.test' } })]);
    });

    it('withholds a login that is no email or id: people type their password there', async () => {
      expect((await fetch(`${app.url}/api/session/users`, { headers: basicAuth('Hunter2-typed-here', 'x') })).status).toBe(401);
      secrets.push('Hunter2-typed-here'.toLowerCase());
      const rows = (await audit({ action: 'session.sign-in-failed' })).items.filter((r) => r.details['loginWithheld'] === true);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.details).toEqual({ method: 'password', reason: 'unknown-account', loginWithheld: true });
    });

    it('records a blocked sign-in (back-off) and a refused API key', async () => {
      const victim = await newUser('manager');
      let status = 0;
      for (let attempt = 0; attempt < 8 && status !== 429; attempt++) status = (await signIn(app, victim.email, `wrong-${attempt}`)).status;
      expect(status).toBe(429);
      expect(await onlyRow('session.sign-in-blocked')).toMatchObject({ actorKind: 'anonymous', outcome: 'refused', status: 429, details: { reason: 'blocked', login: victim.email } });

      const unknownKey = `crmk_${'ab'.repeat(16)}_${'s'.repeat(43)}`;
      secrets.push(unknownKey, 's'.repeat(43));
      expect((await fetch(`${app.url}/api/deals`, { headers: { authorization: `Bearer ${unknownKey}` } })).status).toBe(401);
      expect((await audit({ action: 'session.sign-in-failed', targetType: 'api-key' })).items).toEqual([
        expect.objectContaining({ targetId: null, details: { method: 'api-key', reason: 'unknown-key', login: 'abababab-abab-abab-abab-abababababab' } }),
      ]);
    });
  });

  describe('passwords, users, teams and API keys', () => {
    it('records password changes, passwords set by an admin, links issued and passwords set with a link', async () => {
      const paula = await newUser('manager');
      expect((await new CrmClient(app.url, basicAuth(paula.email, TEST_USER_PASSWORD)).put('/api/session/password', { currentPassword: TEST_USER_PASSWORD, newPassword: 'paula-new-password-1' })).status).toBe(204);
      secrets.push('paula-new-password-1');
      expect(await onlyRow('session.password.change', paula.id)).toMatchObject({ actorId: paula.id, outcome: 'success' });

      expect((await admin.put(`/api/users/${paula.id}/password`, { newPassword: 'paula-new-password-2' })).status).toBe(204);
      secrets.push('paula-new-password-2');
      expect(await onlyRow('user.password.set', paula.id)).toMatchObject({ actorId: adminId, actorKind: 'user', outcome: 'success', details: {} });

      const link = await admin.ok<{ token: string }>('POST', `/api/users/${paula.id}/password-reset`);
      secrets.push(link.token);
      expect(await onlyRow('user.password-link', paula.id)).toMatchObject({ actorId: adminId, details: { purpose: 'reset' } });
      const used = await fetch(`${app.url}/api/session/password`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.url }, body: JSON.stringify({ token: link.token, newPassword: 'paula-new-password-3' }) });
      expect(used.status).toBe(200);
      secrets.push('paula-new-password-3');
      expect(await onlyRow('session.password.set-with-link', paula.id)).toMatchObject({ actorId: paula.id, actorKind: 'user', outcome: 'success' });
    });

    it('records users created (invited or not), changed and deactivated, and teams', async () => {
      const invited = await newUser('analyst', {});
      secrets.push(invited.invitation!.token);
      expect(await onlyRow('user.create', invited.id)).toMatchObject({ actorId: adminId, targetType: 'user', details: { email: invited.email, role: 'analyst', active: true, invited: true } });
      expect((await onlyRow('user.create', mary.id)).details).toMatchObject({ role: 'manager', level: 'junior', invited: false });
      expect(await onlyRow('user.create', adminId)).toMatchObject({
        actorId: 'system', actorKind: 'system', outcome: 'success', clientAddress: null, details: { email: app.admin.email, role: 'admin', from: 'ADMIN_EMAIL' },
      });

      expect((await admin.patch(`/api/users/${invited.id}`, { role: 'ops' })).status).toBe(200);
      expect(await onlyRow('user.update', invited.id)).toMatchObject({ details: { fields: ['role'], role: 'ops' } });
      expect((await admin.delete(`/api/users/${invited.id}`)).status).toBe(200);
      expect(await onlyRow('user.deactivate', invited.id)).toMatchObject({ actorId: adminId, outcome: 'success' });

      const team = await admin.ok<{ id: string }>('POST', '/api/teams', { name: 'Audit team', kind: 'sales' });
      expect(await onlyRow('team.create', team.id)).toMatchObject({ details: { name: 'Audit team', kind: 'sales' } });
      expect((await admin.patch(`/api/teams/${team.id}`, { name: 'Audit team 2' })).status).toBe(200);
      expect(await onlyRow('team.update', team.id)).toMatchObject({ details: { name: 'Audit team 2' } });
      expect((await admin.delete(`/api/teams/${team.id}`)).status).toBe(200);
      expect(await onlyRow('team.delete', team.id)).toMatchObject({ outcome: 'success' });
    });

    it('records API keys created and revoked, never the key; calls with a key name it', async () => {
      const created = await admin.ok<{ id: string; key: string }>('POST', '/api/api-keys', { name: 'deployer', roles: ['analyst'], actForUsers: true });
      // crmk_<id>_<secret>: the secret is base64url and may hold '_' itself
      secrets.push(created.key, created.key.split('_').slice(2).join('_'));
      expect(await onlyRow('api-key.create', created.id)).toMatchObject({ actorId: adminId, details: { name: 'deployer', roles: ['analyst'], actForUsers: true } });
      expect((await onlyRow('api-key.create', created.id)).details).not.toHaveProperty('topics');
      const mailer = await admin.ok<{ id: string; key: string }>('POST', '/api/api-keys', { name: 'mailer', roles: ['worker'], topics: ['crm-mail'] });
      secrets.push(mailer.key, mailer.key.split('_').slice(2).join('_'));
      expect(await onlyRow('api-key.create', mailer.id)).toMatchObject({ details: { name: 'mailer', roles: ['worker'], topics: ['crm-mail'] } });

      const deployed = await new RestClient(app.rest, { authorization: `Bearer ${created.key}` }).deploy([{ name: 'by-key.bpmn', content: externalModel }]);
      expect(deployed.status).toBe(200);
      expect(await onlyRow('deployment.create', deployed.body.id)).toMatchObject({ actorId: `api-key:${created.id}`, actorKind: 'api-key', viaApiKey: created.id, actorName: 'API key deployer' });
      // acting for a user: the user is the actor, the key is named beside them
      const actingFor = await fetch(`${app.rest}/process-instance/some-instance`, { method: 'DELETE', headers: { authorization: `Bearer ${created.key}`, 'x-user-id': mary.id } });
      expect(actingFor.status).toBe(403);
      await eventually(async () => expect(await onlyRow('process-instance.cancel', 'some-instance')).toMatchObject({ actorId: mary.id, actorKind: 'user', viaApiKey: created.id, outcome: 'refused' }));

      expect((await admin.delete(`/api/api-keys/${created.id}`)).status).toBe(200);
      expect(await onlyRow('api-key.revoke', created.id)).toMatchObject({ actorId: adminId, details: { name: 'deployer' } });
    });
  });

  describe('engine operations', () => {
    let deploymentId = '';

    beforeAll(async () => {
      const deployed = await rest.deploy([{ name: 'review.bpmn', content: reviewModel }, { name: 'job.bpmn', content: jobModel }, { name: 'external.bpmn', content: externalModel }], { 'deployment-name': 'audit' });
      expect(deployed.status).toBe(200);
      deploymentId = deployed.body.id;
    });

    it('records a deployment with what it deployed', async () => {
      const row = await onlyRow('deployment.create', deploymentId);
      expect(row).toMatchObject({ actorId: adminId, targetType: 'deployment', outcome: 'success', details: { name: 'audit', source: 'e2e-spec' } });
      expect(row.details['processDefinitions']).toEqual(expect.arrayContaining([expect.stringMatching(/^audit_review:/), expect.stringMatching(/^audit_job:/)]));
      expect(row.details['processDefinitions']).toHaveLength(3);
    });

    it('records claims, variable updates, assignment, delegation, resolution and completion of tasks; names of variables only', async () => {
      const instanceId = await start('audit_review');
      const taskId = await taskOf(instanceId);
      const asMary = restAs(mary);
      expect((await asMary.post(`/task/${taskId}/claim`, { userId: mary.id })).status).toBe(204);
      expect(await onlyRow('task.claim', taskId)).toMatchObject({ actorId: mary.id, targetType: 'task', details: { userId: mary.id } });
      expect((await asMary.post(`/task/${taskId}/variables`, { modifications: { note: { value: SECRET_VALUE, type: 'String' } } })).status).toBe(204);
      expect(await onlyRow('task.variables.update', taskId)).toMatchObject({ actorId: mary.id, details: { variables: [{ name: 'note', type: 'String' }] } });
      expect((await asMary.post(`/task/${taskId}/unclaim`)).status).toBe(204);
      expect(await onlyRow('task.unclaim', taskId)).toMatchObject({ actorId: mary.id });

      expect((await rest.post(`/task/${taskId}/assignee`, { userId: mary.id })).status).toBe(204);
      expect(await onlyRow('task.assign', taskId)).toMatchObject({ actorId: adminId, details: { userId: mary.id } });
      expect((await asMary.post(`/task/${taskId}/delegate`, { userId: max.id })).status).toBe(403);
      expect((await rest.post(`/task/${taskId}/delegate`, { userId: max.id })).status).toBe(204);
      expect(await onlyRow('task.delegate', taskId, { outcome: 'success' })).toMatchObject({ actorId: adminId, details: { userId: max.id } });
      expect((await restAs(max).post(`/task/${taskId}/resolve`, { variables: { checked: { value: true, type: 'Boolean' } } })).status).toBe(204);
      expect(await onlyRow('task.resolve', taskId)).toMatchObject({ actorId: max.id, details: { variables: [{ name: 'checked', type: 'Boolean' }] } });
      expect((await rest.put(`/task/${taskId}`, { name: 'Review again', assignee: mary.id, owner: null })).status).toBe(204);
      expect(await onlyRow('task.update', taskId)).toMatchObject({ actorId: adminId, details: { fields: ['name', 'owner', 'assignee'], assignee: mary.id, owner: null } });
      expect((await rest.post(`/task/${taskId}/identity-links`, { groupId: 'head', type: 'candidate' })).status).toBe(204);
      expect(await onlyRow('task.identity-link.add', taskId)).toMatchObject({ details: { type: 'candidate', groupId: 'head' } });
      expect((await rest.post(`/task/${taskId}/identity-links/delete`, { groupId: 'head', type: 'candidate' })).status).toBe(204);
      expect(await onlyRow('task.identity-link.delete', taskId)).toMatchObject({ details: { type: 'candidate', groupId: 'head' } });

      expect((await asMary.post(`/task/${taskId}/complete`, { variables: { comment: { value: SECRET_VALUE, type: 'String' } } })).status).toBe(204);
      expect(await onlyRow('task.complete', taskId)).toMatchObject({ actorId: mary.id, outcome: 'success', status: 204, details: { variables: [{ name: 'comment', type: 'String' }] } });

      const approveId = await taskOf(instanceId);
      expect((await rest.post(`/task/${approveId}/submit-form`, { variables: { approved: { value: true, type: 'Boolean' } } })).status).toBe(204);
      expect(await onlyRow('task.submit-form', approveId)).toMatchObject({ actorId: adminId, details: { variables: [{ name: 'approved', type: 'Boolean' }] } });
    });

    it('records claims and completions through the CRM task list', async () => {
      const taskId = await taskOf(await start('audit_review'));
      const crmAsMary = admin.as(mary.id);
      expect((await crmAsMary.post(`/api/tasks/${taskId}/claim`)).status).toBe(204);
      expect(await onlyRow('task.claim', taskId)).toMatchObject({ actorId: mary.id, details: { userId: mary.id } });
      expect((await crmAsMary.post(`/api/tasks/${taskId}/complete`, { variables: { approved: true, reason: SECRET_VALUE } })).status).toBe(204);
      expect(await onlyRow('task.complete', taskId)).toMatchObject({ actorId: mary.id, details: { variables: [{ name: 'approved', type: 'boolean' }, { name: 'reason', type: 'string' }] } });
    });

    it('records variable edits, token moves and cancels of instances by ops', async () => {
      const instanceId = await start('audit_review');
      const asOscar = restAs(oscar);
      expect((await asOscar.post(`/process-instance/${instanceId}/variables`, { modifications: { amount: { value: 4200, type: 'Integer' }, note: { value: SECRET_VALUE, type: 'String' } }, deletions: ['old'] })).status).toBe(204);
      expect((await asOscar.put(`/process-instance/${instanceId}/variables/extra`, { value: SECRET_VALUE, type: 'String' })).status).toBe(204);
      expect((await asOscar.delete(`/process-instance/${instanceId}/variables/extra`)).status).toBe(204);
      const edits = (await rowsOf('process-instance.variables.update', instanceId)).reverse();
      expect(edits.map((r) => [r.actorId, r.targetType, r.details])).toEqual([
        [oscar.id, 'process-instance', { set: [{ name: 'amount', type: 'Integer' }, { name: 'note', type: 'String' }], deleted: ['old'] }],
        [oscar.id, 'process-instance', { set: [{ name: 'extra', type: 'String' }] }],
        [oscar.id, 'process-instance', { deleted: ['extra'] }],
      ]);

      const instructions = [{ type: 'cancel', activityId: 'review' }, { type: 'startBeforeActivity', activityId: 'approve', variables: { moved: { value: SECRET_VALUE, type: 'String' } } }];
      expect((await asOscar.post(`/process-instance/${instanceId}/modification`, { instructions })).status).toBe(204);
      expect(await onlyRow('process-instance.modify', instanceId)).toMatchObject({
        actorId: oscar.id,
        details: { count: 2, instructions: [{ type: 'cancel', activityId: 'review' }, { type: 'startBeforeActivity', activityId: 'approve', variables: [{ name: 'moved', type: 'String' }] }] },
      });

      expect((await asOscar.delete(`/process-instance/${instanceId}?deleteReason=duplicate%20request`)).status).toBe(204);
      expect(await onlyRow('process-instance.cancel', instanceId)).toMatchObject({ actorId: oscar.id, outcome: 'success', details: { deleteReason: 'duplicate request' } });
    });

    it('records job retries and runs, and external-task retries (the way incidents are repaired)', async () => {
      const asOscar = restAs(oscar);
      const instanceId = await start('audit_job');
      const [job] = (await rest.get('/job', { processInstanceId: instanceId })).body;
      expect((await asOscar.put(`/job/${job.id}/retries`, { retries: 2 })).status).toBe(204);
      expect(await onlyRow('job.retries.set', job.id)).toMatchObject({ actorId: oscar.id, targetType: 'job', details: { retries: 2 } });
      // `ready` is not set, so running the job fails (Camunda answers 500) unless the dispatcher ran it a moment
      // before (then this run finds it locked or waiting for its retry and answers 204); the row says which
      const executed = (await asOscar.post(`/job/${job.id}/execute`)).status;
      expect([204, 500]).toContain(executed);
      // a failure's row is written once the answer has been sent, so it may land just after the client has it
      expect(await eventually(() => onlyRow('job.execute', job.id))).toMatchObject({ actorId: oscar.id, outcome: executed === 204 ? 'success' : 'failed', status: executed === 204 ? 204 : 500 });

      const externalInstance = await start('audit_external');
      const [task] = (await rest.get('/external-task', { processInstanceId: externalInstance })).body;
      expect((await asOscar.put(`/external-task/${task.id}/retries`, { retries: 4 })).status).toBe(204);
      expect(await onlyRow('external-task.retries.set', task.id)).toMatchObject({ actorId: oscar.id, details: { retries: 4 } });
      expect((await asOscar.put(`/external-task/${task.id}/priority`, { priority: 7 })).status).toBe(204);
      expect(await onlyRow('external-task.priority.set', task.id)).toMatchObject({ details: { priority: 7 } });
      expect((await asOscar.put('/external-task/retries', { externalTaskIds: [task.id], retries: 5 })).status).toBe(204);
      const bulk = (await rowsOf('external-task.retries.set')).find((r) => r.targetId === null);
      expect(bulk).toMatchObject({ actorId: oscar.id, details: { retries: 5, externalTaskIds: [task.id], externalTaskIdsCount: 1 } });
    });

    it('records batches created, suspended and deleted', async () => {
      const asOscar = restAs(oscar);
      // many targets that are gone already: each is skipped, which takes long enough to suspend it
      const created = await asOscar.post('/process-instance/delete', { processInstanceIds: Array.from({ length: 1500 }, (_, i) => `gone-${i}`), deleteReason: 'audit' });
      expect(created.status).toBe(200);
      const batchId = created.body.id as string;
      const row = await onlyRow('batch.create', batchId);
      expect(row).toMatchObject({ actorId: oscar.id, targetType: 'batch', details: { type: 'instance-deletion', deleteReason: 'audit', processInstanceIdsCount: 1500 } });
      expect(row.details['processInstanceIds']).toHaveLength(50);
      expect((await asOscar.put(`/batch/${batchId}/suspended`, { suspended: true })).status).toBe(204);
      expect(await onlyRow('batch.suspend', batchId)).toMatchObject({ actorId: oscar.id, details: { suspended: true } });
      expect((await asOscar.delete(`/batch/${batchId}?cascade=true`)).status).toBe(204);
      expect(await onlyRow('batch.delete', batchId)).toMatchObject({ actorId: oscar.id, details: { cascade: 'true' } });

      const [job] = (await rest.get('/job', { processInstanceId: await start('audit_job') })).body;
      const retries = await asOscar.post('/job/retries', { jobIds: [job.id], retries: 1 });
      expect(retries.status).toBe(200);
      expect(await onlyRow('batch.create', retries.body.id)).toMatchObject({ details: { type: 'set-job-retries', retries: 1, jobIds: [job.id], jobIdsCount: 1 } });
      await eventually(async () => expect((await rest.get(`/history/batch/${retries.body.id}`)).body.endTime).toEqual(expect.any(String)), { timeoutMs: 60_000 });
      expect((await asOscar.delete(`/history/batch/${retries.body.id}`)).status).toBe(204);
      expect(await onlyRow('batch.history.delete', retries.body.id)).toMatchObject({ actorId: oscar.id });
    });

    it('records refusals (403) with who tried, but not mistakes (400, 404) or callers without credentials', async () => {
      const instanceId = await start('audit_review');
      const asMary = restAs(mary);
      expect((await asMary.delete(`/process-instance/${instanceId}`)).status).toBe(403);
      expect((await asMary.deploy([{ name: 'x.bpmn', content: reviewModel }])).status).toBe(403);
      expect((await admin.as(mary.id).post('/api/users', { name: 'Evil', email: 'evil@audit.test', role: 'admin', password: 'evil-password-1' })).status).toBe(403);
      secrets.push('evil-password-1');
      const taskId = await taskOf(instanceId);
      expect((await rest.post(`/task/${taskId}/assignee`, { userId: max.id })).status).toBe(204);
      expect((await asMary.post(`/task/${taskId}/complete`, {})).status).toBe(403);

      await eventually(async () => {
        expect(await onlyRow('process-instance.cancel', instanceId)).toMatchObject({ actorId: mary.id, outcome: 'refused', status: 403, details: {} });
        expect(await onlyRow('task.complete', taskId)).toMatchObject({ actorId: mary.id, outcome: 'refused', status: 403 });
        const refused = (await audit({ actorId: mary.id, outcome: 'refused' })).items.map((r) => r.action);
        expect(refused).toEqual(expect.arrayContaining(['deployment.create', 'user.create', 'task.delegate']));
      });

      const before = (await audit()).total;
      expect((await restAs(oscar).delete('/process-instance/no-such-instance')).status).toBe(404);
      expect((await admin.post('/api/users', { name: 'x', email: 'not-an-email', role: 'manager' })).status).toBe(400);
      expect((await fetch(`${app.rest}/process-instance/${instanceId}`, { method: 'DELETE' })).status).toBe(401);
      expect((await fetch(`${app.rest}/process-instance/${instanceId}`, { method: 'DELETE', headers: basicAuth(oscar.id, 'oscar-bad-guess') })).status).toBe(401);
      secrets.push('oscar-bad-guess');
      expect((await restAs(oscar).get(`/process-instance/${instanceId}`)).status).toBe(200);
      // a refusal after them, written the same way (when its answer is sent): once it is there, theirs would be too
      expect((await asMary.delete('/process-instance/marker')).status).toBe(403);
      await eventually(async () => expect(await rowsOf('process-instance.cancel', 'marker')).toHaveLength(1));
      const after = await audit();
      expect(after.items.slice(0, after.total - before).map((r) => [r.action, r.targetId, r.outcome])).toEqual([
        ['process-instance.cancel', 'marker', 'refused'],
        ['session.sign-in-failed', oscar.id, 'refused'],
      ]);
    });
  });

  describe('reading the log', () => {
    it('is for admins and ops only', async () => {
      expect((await admin.as(oscar.id).get('/api/audit')).status).toBe(200);
      expect((await admin.as(mary.id).get('/api/audit')).status).toBe(403);
      expect((await fetch(`${app.url}/api/audit`)).status).toBe(401);
    });

    it('filters by actor, action (exact or prefix), target, outcome and time, newest first, in pages', async () => {
      const all = await audit();
      expect(all.total).toBeGreaterThan(30);
      const times = all.items.map((r) => Date.parse(r.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const byMary = await audit({ actorId: mary.id });
      expect(byMary.items.length).toBeGreaterThan(3);
      expect(byMary.items.every((r) => r.actorId === mary.id)).toBe(true);
      const tasks = await audit({ action: 'task.' });
      expect(new Set(tasks.items.map((r) => r.action.split('.')[0]))).toEqual(new Set(['task']));
      expect(tasks.items.map((r) => r.action)).toEqual(expect.arrayContaining(['task.claim', 'task.complete', 'task.resolve']));
      expect((await audit({ action: 'task.*' })).total).toBe(tasks.total);
      expect((await audit({ action: 'task.claim' })).items.every((r) => r.action === 'task.claim')).toBe(true);
      expect((await audit({ action: 'task' })).total).toBe(0);
      expect((await audit({ targetType: 'user', targetId: mary.id })).items.map((r) => r.action)).toEqual(expect.arrayContaining(['user.create', 'session.sign-in', 'session.sign-in-failed']));
      expect((await audit({ outcome: 'refused' })).items.every((r) => r.outcome === 'refused')).toBe(true);
      expect((await audit({ actorKind: 'anonymous' })).items.every((r) => r.actorKind === 'anonymous' && r.actorId === null)).toBe(true);

      const middle = all.items[Math.floor(all.items.length / 2)]!;
      const from = await audit({ from: middle.at });
      expect(from.items.every((r) => Date.parse(r.at) >= Date.parse(middle.at))).toBe(true);
      const to = await audit({ to: middle.at });
      expect(to.items.every((r) => Date.parse(r.at) < Date.parse(middle.at))).toBe(true);
      expect(from.total + to.total).toBe(all.total);
      expect((await audit({ from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);

      const first = await audit({ pageSize: 5 });
      const second = await audit({ pageSize: 5, page: 2 });
      expect([first.items.length, second.items.length, first.page, second.page, first.total]).toEqual([5, 5, 1, 2, all.total]);
      expect(second.items.map((r) => r.id)).toEqual(all.items.slice(5, 10).map((r) => r.id));
    });

    it('refuses unknown and malformed filters with a 400 naming them', async () => {
      for (const [query, message] of [
        [{ colour: 'red' }, /Unknown query parameter 'colour'/],
        [{ pageSize: 201 }, /pageSize/],
        [{ from: 'yesterday' }, /from/],
        [{ outcome: 'maybe' }, /outcome/],
        [{ action: "task'; --" }, /action/],
        [{ sort: 'at' }, /sort/],
      ] as const) {
        const response = await admin.get('/api/audit', query);
        expect([query, response.status]).toEqual([query, 400]);
        expect(response.body.message).toMatch(message);
      }
    });

    it('never holds a password, token, key, cookie or variable value', async () => {
      const rows: Row[] = [];
      for (let page = 1; ; page++) {
        const found = await audit({ page });
        rows.push(...found.items);
        if (rows.length >= found.total) break;
      }
      const text = JSON.stringify(rows);
      expect(secrets.length).toBeGreaterThan(15);
      for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
    });
  });

  describe('the table', () => {
    it('refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
      const db = app.nest.get<OpenedDatabase>(DATABASE).dataSource;
      const count = async () => ((await db.query('SELECT count(*)::int AS n FROM crm.audit_log')) as { n: number }[])[0]!.n;
      const before = await count();
      expect(before).toBeGreaterThan(0);
      for (const statement of [`UPDATE crm.audit_log SET actor_id = 'someone-else'`, 'DELETE FROM crm.audit_log', 'DELETE FROM crm.audit_log WHERE false', 'TRUNCATE crm.audit_log']) {
        await expect(db.query(statement)).rejects.toThrow(/append-only/);
      }
      expect(await count()).toBe(before);
      expect(((await db.query(`SELECT count(*)::int AS n FROM crm.audit_log WHERE actor_id = 'someone-else'`)) as { n: number }[])[0]!.n).toBe(0);
    });
  });

  it('every state-changing route that needs deploy, operate, task or user rights is audited', () => {
    const discovery = app.nest.get(DiscoveryService);
    const reflector = app.nest.get(Reflector);
    const scanner = app.nest.get(MetadataScanner);
    const privileged = new Set(['engine.deploy', 'engine.operate', 'engine.task', 'crm.users']);
    const unaudited: string[] = [];
    let auditedRoutes = 0;
    for (const wrapper of discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      for (const method of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[method] as () => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.GET) continue;
        const access = reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [handler, type]);
        const audited = reflector.get<AuditSpec | undefined>(AUDITED, handler);
        if (audited) auditedRoutes += 1;
        if (access?.kind === 'permission' && privileged.has(access.permission) && !audited) unaudited.push(`${type.name}.${method}`);
      }
    }
    expect(unaudited).toEqual([]);
    expect(auditedRoutes).toBeGreaterThan(40);
  });
});
