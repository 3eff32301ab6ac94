import nodemailer from 'nodemailer';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import type { ServiceTaskInput } from '../../engine/core/ports/service-task-handler.js';
import { openEmbeddedTestDatabase, type EmbeddedTestDatabase } from '../../test/support/test-database.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { AssignmentService } from '../assignment/assignment.service.js';
import { DEFAULT_CRM_OPTIONS } from '../crm-options.js';
import { crmEntities } from '../entities.js';
import { LeadsService } from '../leads/leads.service.js';
import { OutboxRelay } from '../notifications/outbox-relay.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { TeamsService } from '../users/teams.service.js';
import { UsersService } from '../users/users.service.js';
import { ActivityCreateHandler } from './activity-create.handler.js';
import { IdempotentHandlerRunner } from './idempotent-handler-runner.js';
import { LeadAssignHandler } from './lead-assign.handler.js';
import { NotifyHandler } from './notify.handler.js';
import type { CrmTaskHandler } from './task-handler.decorator.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';
import { CrmTaskError } from '../shared/crm-errors.js';

// CRM handlers against a real (embedded, in-memory) database: their SQL, their transactions, their idempotency
describe('CRM service-task handlers', () => {
  let embedded: EmbeddedTestDatabase;
  let opened: OpenedDatabase;
  let db: CrmDatabase;
  let runner: IdempotentHandlerRunner;
  let users: UsersService;
  let leads: LeadsService;
  let salesTeam: string;

  beforeAll(async () => {
    embedded = await openEmbeddedTestDatabase(crmEntities);
    opened = embedded.opened;
    db = new CrmDatabase(opened);
    runner = new IdempotentHandlerRunner(db);
    users = new UsersService(db);
    leads = new LeadsService(db);
    salesTeam = (await new TeamsService(db).create('spec', { name: 'Sales', kind: 'sales' })).id;
  }, 180_000);
  afterAll(() => embedded?.close());

  const input = (jobId: string, variables: Record<string, unknown>, businessKey: string | null = null): ServiceTaskInput => ({
    topic: 'crm.test', jobId, processInstanceId: 'pi', processDefinitionKey: 'spec', activityId: 'task', businessKey, variables,
  });
  const manager = (name: string, level: 'junior' | 'senior', teamId = salesTeam) =>
    users.create('spec', { name, email: `${name.toLowerCase()}@spec.test`, role: 'manager', level, teamId });
  const lead = (amount: number) => leads.create('spec', { source: 'call', personName: `Lead ${amount}`, estimatedAmount: amount }, SYSTEM_VIEWER);

  describe('the idempotent runner', () => {
    it('runs a handler once per job id and returns the stored result on a repeat', async () => {
      let runs = 0;
      const handler: CrmTaskHandler = {
        handle: async (_, tx) => {
          runs++;
          await tx.manager.query(`INSERT INTO crm.record_changes (record_type, record_id, action, actor) VALUES ('lead', gen_random_uuid(), 'handled', 'spec')`);
          return { outcome: 'complete', variables: { run: runs } };
        },
      };
      const first = await runner.run('crm.test', handler, input('job-1', {}));
      const again = await runner.run('crm.test', handler, input('job-1', {}));
      expect(first).toEqual({ outcome: 'complete', variables: { run: 1 } });
      expect(again).toEqual(first);
      expect(runs).toBe(1);
      const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM crm.record_changes WHERE action = 'handled'`);
      expect(row!.n).toBe(1);
    });

    it('keeps nothing of a failed run, so the retry does the work', async () => {
      let attempt = 0;
      const handler: CrmTaskHandler = {
        handle: async (_, tx) => {
          attempt++;
          await tx.manager.query(`INSERT INTO crm.record_changes (record_type, record_id, action, actor) VALUES ('lead', gen_random_uuid(), 'flaky', 'spec')`);
          if (attempt === 1) throw new Error('SMTP down');
          return { outcome: 'complete' };
        },
      };
      await expect(runner.run('crm.test', handler, input('job-2', {}))).rejects.toThrow('SMTP down');
      await expect(runner.run('crm.test', handler, input('job-2', {}))).resolves.toEqual({ outcome: 'complete' });
      const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM crm.record_changes WHERE action = 'flaky'`);
      expect(row!.n).toBe(1);
    });
  });

  describe('crm.lead.assign', () => {
    it('assigns by deal size to the least loaded manager of the level, sets the owner once per job', async () => {
      const handler = new LeadAssignHandler(new AssignmentService(), DEFAULT_CRM_OPTIONS);
      const senior = await manager('Senna', 'senior');
      const juniorA = await manager('Juan', 'junior');
      const juniorB = await manager('Jana', 'junior');
      const assign = async (jobId: string, leadId: string) => runner.run('crm.lead.assign', handler, input(jobId, { amount: (await leads.get(leadId, SYSTEM_VIEWER)).estimatedAmount }, leadId));

      const big = await lead(250_000);
      expect(await assign('a1', big.id)).toMatchObject({ variables: { assignee: senior.id, assigneeLevel: 'senior', assignmentFallback: false } });
      expect(await leads.get(big.id, SYSTEM_VIEWER)).toMatchObject({ ownerId: senior.id, status: 'qualifying' });

      const small = [await lead(5_000), await lead(6_000), await lead(7_000)];
      const owners = [];
      for (const [i, l] of small.entries()) owners.push((await assign(`a2-${i}`, l.id))!.variables!['assignee']);
      // equal load goes round-robin, then the less loaded one gets the third
      expect(new Set(owners.slice(0, 2))).toEqual(new Set([juniorA.id, juniorB.id]));
      expect(owners[2]).toBe(owners[0]);

      // the same job again: no second assignment, same answer
      await leads.update('spec', small[0]!.id, { ownerId: null }, SYSTEM_VIEWER);
      expect((await assign('a2-0', small[0]!.id))!.variables!['assignee']).toBe(owners[0]);
      expect((await leads.get(small[0]!.id, SYSTEM_VIEWER)).ownerId).toBeNull();
    });

    it('takes the level (and sales team) the routing table decided, over the amount; a team without that level falls back to the level anywhere', async () => {
      const handler = new LeadAssignHandler(new AssignmentService(), DEFAULT_CRM_OPTIONS);
      const enterprise = (await new TeamsService(db).create('spec', { name: 'Enterprise', kind: 'sales' })).id;
      const erin = await manager('Erin', 'junior', enterprise);
      const routed = async (jobId: string, variables: Record<string, unknown>) => {
        const small = await lead(1_000);
        return (await runner.run('crm.lead.assign', handler, input(jobId, { amount: 1_000, ...variables }, small.id)))!.variables!;
      };
      const [senna] = (await db.query(`SELECT id FROM crm.users WHERE name = 'Senna'`)) as { id: string }[];
      expect(await routed('r1', { level: 'senior', team: null })).toMatchObject({ assignee: senna!.id, assigneeLevel: 'senior', assignmentFallback: false });
      expect(await routed('r2', { level: 'junior', team: 'Enterprise' })).toMatchObject({ assignee: erin.id, assigneeLevel: 'junior', assignmentFallback: false });
      expect(await routed('r3', { level: 'senior', team: 'Enterprise' })).toMatchObject({ assignee: senna!.id, assigneeLevel: 'senior', assignmentFallback: false });
      await expect(routed('r4', { level: 'boss' })).rejects.toThrow(/Expected the input 'level' on task 'task' to be one of junior, senior, but it is 'boss'/);
    });

    it('fails (an incident after retries) when there is no sales manager at all', async () => {
      await db.query(`UPDATE crm.users SET active = false WHERE role = 'manager'`);
      const handler = new LeadAssignHandler(new AssignmentService(), DEFAULT_CRM_OPTIONS);
      const orphan = await lead(1_000);
      await expect(runner.run('crm.lead.assign', handler, input('a3', { amount: 1_000 }, orphan.id))).rejects.toThrow(/Expected an active manager in a sales team/);
      await db.query(`UPDATE crm.users SET active = true WHERE role = 'manager'`);
    });
  });

  describe('ids from process variables and business keys', () => {
    /** the job fails with CRM_TASK_INPUT_INVALID naming the input, never with the database's words */
    const refusedAsInput = async (run: Promise<unknown>, named: RegExp) => {
      const error = await run.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(CrmTaskError);
      expect(error).toMatchObject({ code: 'CRM_TASK_INPUT_INVALID', message: expect.stringMatching(named) });
      expect((error as Error).message).not.toMatch(/invalid input syntax|uuid:/);
    };

    it('crm.lead.assign refuses a business key or a leadId that is not a record id', async () => {
      const handler = new LeadAssignHandler(new AssignmentService(), DEFAULT_CRM_OPTIONS);
      await refusedAsInput(runner.run('crm.lead.assign', handler, input('u1', {}, 'abc')), /Expected the business key of task 'task' \(crm.test\) to be a CRM record id \(a UUID\), but got 'abc'/);
      await refusedAsInput(runner.run('crm.lead.assign', handler, input('u2', { leadId: 'lead-7' }, null)), /Expected 'leadId' .* but got 'lead-7'/);
    });

    it('crm.activity.create refuses an owner or a record id that is not a UUID', async () => {
      const handler = new ActivityCreateHandler(new ActivitiesService(db));
      await refusedAsInput(runner.run('crm.activity.create', handler, input('u3', { subject: 'Call', ownerId: 'bob' })), /Expected 'ownerId' .* but got 'bob'/);
      await refusedAsInput(runner.run('crm.activity.create', handler, input('u4', { subject: 'Call', recordType: 'lead' }, 'order-7')), /Expected the business key .* but got 'order-7'/);
    });

    it('crm.notify refuses a record id that is not a UUID for a recordType; without one, such a business key means no record', async () => {
      const agent = await manager('Uma', 'junior');
      const notify = new NotifyHandler(new OutboxRelay(db, DEFAULT_CRM_OPTIONS), DEFAULT_CRM_OPTIONS);
      const message = { subject: 'Hello', body: 'there', to: agent.id };
      await refusedAsInput(runner.run('crm.notify', notify, input('u5', { ...message, recordType: 'lead' }, 'abc')), /Expected the business key .* but got 'abc'/);
      await refusedAsInput(runner.run('crm.notify', notify, input('u6', { ...message, recordId: 'abc' })), /Expected 'recordId' .* but got 'abc'/);
      const stored = await runner.run('crm.notify', notify, input('u7', message, 'order-7'));
      const [kept] = await db.query<{ recipient: string; record_id: string | null }>('SELECT recipient, record_id FROM crm.outbox WHERE id = $1', [stored!.variables!['notificationId']]);
      expect(kept).toEqual({ recipient: 'uma@spec.test', record_id: null });
    });
  });

  describe('crm.notify and the outbox', () => {
    it('writes to the outbox only without SMTP; with a transport the relay sends pending mail', async () => {
      const agent = await manager('Nia', 'junior');
      const relay = new OutboxRelay(db, DEFAULT_CRM_OPTIONS);
      const notify = new NotifyHandler(relay, { notifyAllowedRecipients: ['@customer.test'] });
      const task = { template: 'lead.assigned', to: agent.id, personName: 'Pat', companyName: 'PatCo', amount: 10, currency: 'EUR' };
      const stored = await runner.run('crm.notify', notify, input('n1', task));
      const [kept] = await db.query<{ status: string; recipient: string; subject: string }>('SELECT status, recipient, subject FROM crm.outbox WHERE id = $1', [stored!.variables!['notificationId']]);
      expect(kept).toEqual({ status: 'outbox', recipient: 'nia@spec.test', subject: 'New lead: Pat' });

      const sent: unknown[] = [];
      const transport = nodemailer.createTransport({ jsonTransport: true });
      const send = transport.sendMail.bind(transport);
      transport.sendMail = (async (mail: Parameters<typeof send>[0]) => {
        sent.push(mail);
        return send(mail);
      }) as typeof transport.sendMail;
      relay.useTransport(transport);
      const queued = await runner.run('crm.notify', notify, input('n2', { ...task, to: 'someone@customer.test' }));
      await relay.drain();
      const [delivered] = await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM crm.outbox WHERE id = $1', [queued!.variables!['notificationId']]);
      expect(delivered).toEqual({ status: 'sent', attempts: 1 });
      expect(sent).toEqual([expect.objectContaining({ to: 'someone@customer.test', subject: 'New lead: Pat' })]);
    });

    it('refuses an unknown template by name (the job fails, then an incident)', async () => {
      const notify = new NotifyHandler(new OutboxRelay(db, DEFAULT_CRM_OPTIONS), DEFAULT_CRM_OPTIONS);
      await expect(runner.run('crm.notify', notify, input('n3', { template: 'constructor', to: 'a@b.test' }))).rejects.toThrow(/Expected 'template' to be one of/);
    });

    it('refuses an address outside the CRM and the allow-list: the job fails, nothing is written', async () => {
      const notify = new NotifyHandler(new OutboxRelay(db, DEFAULT_CRM_OPTIONS), { notifyAllowedRecipients: ['@partner.test'] });
      const [before] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM crm.outbox');
      await expect(runner.run('crm.notify', notify, input('n4', { subject: 'Export', body: 'all deals', to: 'collector@elsewhere.test' })))
        .rejects.toThrow(/Refused recipient 'collector@elsewhere.test': crm.notify writes only to active CRM users, the record's customer and the addresses or domains in NOTIFY_ALLOWED_RECIPIENTS/);
      const [after] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM crm.outbox');
      expect(after!.n).toBe(before!.n);
      const stored = await runner.run('crm.notify', notify, input('n5', { subject: 'Hello', body: 'partner', to: 'desk@partner.test' }));
      const [kept] = await db.query<{ recipient: string }>('SELECT recipient FROM crm.outbox WHERE id = $1', [stored!.variables!['notificationId']]);
      expect(kept!.recipient).toBe('desk@partner.test');
    });
  });
});
