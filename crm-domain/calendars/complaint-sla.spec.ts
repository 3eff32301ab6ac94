import type { EntityManager } from 'typeorm';
import type { ServiceTaskInput } from '../../engine/core/ports/service-task-handler.js';
import { openEmbeddedTestDatabase, type EmbeddedTestDatabase } from '../../test/support/test-database.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { AssignmentService } from '../assignment/assignment.service.js';
import { CompaniesService } from '../companies/companies.service.js';
import { ContactsService } from '../companies/contacts.service.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { DEFAULT_CRM_OPTIONS } from '../crm-options.js';
import { crmEntities } from '../entities.js';
import { ComplaintSetSlaHandler } from '../handlers/complaint-set-sla.handler.js';
import { ComplaintSlaStateHandler } from '../handlers/complaint-sla-state.handler.js';
import { ServiceReportsService } from '../reports/service-reports.service.js';
import { IdempotentHandlerRunner } from '../handlers/idempotent-handler-runner.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { TeamsService } from '../users/teams.service.js';
import { UsersService } from '../users/users.service.js';
import { calendarForAssignee, writeTeamCalendar } from './team-calendars.js';
import { officeHours, WEEKDAYS } from './working-time.js';

// the complaint SLA on team calendars against a real (embedded) database: crm.complaint.setSla, and the pause while waiting for the customer
describe('complaint SLA in working hours', () => {
  let embedded: EmbeddedTestDatabase;
  let db: CrmDatabase;
  let complaints: ComplaintsService;
  let companyId: string;
  let agent: string;
  let berlinAgent: string;
  let runner: IdempotentHandlerRunner;
  const handler = new ComplaintSetSlaHandler(DEFAULT_CRM_OPTIONS);

  beforeAll(async () => {
    embedded = await openEmbeddedTestDatabase(crmEntities);
    db = new CrmDatabase(embedded.opened);
    runner = new IdempotentHandlerRunner(db);
    const teams = new TeamsService(db);
    const users = new UsersService(db);
    const service = await teams.create('spec', { name: 'Service', kind: 'service' });
    const berlin = await teams.create('spec', { name: 'Service Berlin', kind: 'service' });
    await writeTeamCalendar(db.dataSource.manager, service.id, officeHours('UTC'));
    await writeTeamCalendar(db.dataSource.manager, berlin.id, officeHours('Europe/Berlin'));
    agent = (await users.create('spec', { name: 'Avery', email: 'avery@spec.test', role: 'manager', level: 'junior', teamId: service.id })).id;
    berlinAgent = (await users.create('spec', { name: 'Bea', email: 'bea@spec.test', role: 'manager', level: 'junior', teamId: berlin.id })).id;
    const contacts = new ContactsService(db);
    companyId = (await new CompaniesService(db, contacts).create('spec', { name: 'Globex', type: 'client', primaryContact: { fullName: 'Gina Buyer', email: 'gina@globex.test' } }, SYSTEM_VIEWER)).id;
    complaints = new ComplaintsService(db, new AssignmentService(), new ActivitiesService(db), DEFAULT_CRM_OPTIONS);
  }, 180_000);
  afterAll(() => embedded?.close());

  const register = async (assigneeId: string, createdAt?: string) => {
    const complaint = await complaints.register('spec', { companyId, type: 'delivery', channel: 'phone', priority: 'urgent', description: 'Nothing arrived', assigneeId }, SYSTEM_VIEWER);
    if (createdAt) await db.query(`UPDATE crm.complaints SET created_at = $2 WHERE id = $1`, [complaint.id, createdAt]);
    return complaint;
  };
  const setSla = (jobId: string, complaintId: string, slaHours = 4) => {
    const input: ServiceTaskInput = { topic: 'crm.complaint.setSla', jobId, processInstanceId: 'pi', processDefinitionKey: 'complaint-sla', activityId: 'SetSlaDue', businessKey: complaintId, variables: { slaHours, reminderShare: 0.75, complaintId } };
    return runner.run('crm.complaint.setSla', handler, input);
  };
  const changesOf = async (id: string) => (await db.query<{ action: string; changes: Record<string, unknown> }>(`SELECT action, changes FROM crm.record_changes WHERE record_id = $1 ORDER BY id`, [id]))
    .map((c) => ({ action: c.action, fields: Object.keys(c.changes).sort() }));
  const eventsOf = (id: string) => db.query<{ type: string; variables: Record<string, unknown> }>(`SELECT type, variables FROM crm.record_events WHERE record_id = $1 ORDER BY created_at`, [id]);

  it('registered Friday 19:00 with 4 working hours on the assignee team’s calendar (Mon–Fri 9–18 UTC): due Monday 13:00, reminded at 12:00', async () => {
    const complaint = await register(agent, '2026-12-04T19:00:00Z');
    expect(await setSla('sla-1', complaint.id)).toEqual({ outcome: 'complete', variables: { slaDueAt: '2026-12-07T13:00:00.000Z', slaRemindAt: '2026-12-07T12:00:00.000Z', slaPaused: false } });
    const stored = await complaints.get(complaint.id, SYSTEM_VIEWER);
    expect(stored.slaDueAt.toISOString()).toBe('2026-12-07T13:00:00.000Z');
    expect(stored.slaRemindAt?.toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });

  it('counts in the team’s zone: in Berlin Monday 9:00 is 8:00 UTC', async () => {
    const complaint = await register(berlinAgent, '2026-12-04T19:00:00Z');
    expect((await setSla('sla-2', complaint.id))?.variables).toEqual({ slaDueAt: '2026-12-07T12:00:00.000Z', slaRemindAt: '2026-12-07T11:00:00.000Z', slaPaused: false });
  });

  it('waiting for the customer before the SLA is set: setSla says so (the process then waits without timers) and keeps the clock stopped', async () => {
    const complaint = await register(agent, '2026-12-07T09:00:00Z');
    await complaints.update('spec', complaint.id, { status: 'waiting_for_customer' }, SYSTEM_VIEWER);
    await db.query(`UPDATE crm.complaints SET sla_paused_at = $2 WHERE id = $1`, [complaint.id, '2026-12-07T10:00:00Z']);
    // the pause's due times are those of the SLA table; the wait's working time is added when it ends
    expect((await setSla('sla-paused', complaint.id))?.variables).toEqual({ slaDueAt: '2026-12-07T13:00:00.000Z', slaRemindAt: '2026-12-07T12:00:00.000Z', slaPaused: true });
    expect((await complaints.get(complaint.id, SYSTEM_VIEWER)).slaPausedAt?.toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });

  it('crm.complaint.slaState tells complaint-sla where the complaint is: waiting, or back with the due times the record holds', async () => {
    const complaint = await register(agent);
    const state = (jobId: string) => runner.run('crm.complaint.slaState', new ComplaintSlaStateHandler(), { topic: 'crm.complaint.slaState', jobId, processInstanceId: 'pi', processDefinitionKey: 'complaint-sla', activityId: 'CheckComplaint', businessKey: complaint.id, variables: {} });
    await complaints.update('spec', complaint.id, { status: 'waiting_for_customer' }, SYSTEM_VIEWER);
    expect((await state('state-1'))?.variables).toEqual({ complaintStatus: 'waiting_for_customer' });
    const back = await complaints.update('spec', complaint.id, { status: 'in_progress' }, SYSTEM_VIEWER);
    expect((await state('state-2'))?.variables).toEqual({ complaintStatus: 'in_progress', slaDueAt: back.slaDueAt.toISOString(), slaRemindAt: back.slaRemindAt!.toISOString(), assigneeId: agent });
  });

  it('reads the calendar of the assignee’s team in one statement', async () => {
    const statements: string[] = [];
    const counting = { query: (sql: string, params?: unknown[]) => { statements.push(sql); return db.dataSource.manager.query(sql, params); } } as unknown as EntityManager;
    const calendar = await calendarForAssignee(counting, berlinAgent, 'UTC');
    expect(calendar).toMatchObject({ timeZone: 'Europe/Berlin', hours: officeHours('Europe/Berlin').hours });
    expect(statements).toHaveLength(1);
  });

  it('refuses a non-positive slaHours (an incident, not a due time in the past)', async () => {
    const complaint = await register(agent);
    await expect(setSla('sla-3', complaint.id, 0)).rejects.toThrow("Expected the input 'slaHours' on task 'SetSlaDue' to be a positive number");
  });

  it('waiting for the customer stops the clock; back in progress the due times move by the working time the wait took', async () => {
    const always = { timeZone: 'UTC', hours: WEEKDAYS.map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: [] };
    const [team] = await db.query<{ team_id: string }>(`SELECT team_id FROM crm.users WHERE id = $1`, [agent]);
    await writeTeamCalendar(db.dataSource.manager, team!.team_id, always);
    const complaint = await register(agent);
    expect(complaint.slaDueAt.getTime() - complaint.createdAt.getTime()).toBe(4 * 3_600_000);

    const waiting = await complaints.update('spec', complaint.id, { status: 'waiting_for_customer' }, SYSTEM_VIEWER);
    expect(waiting.slaPausedAt).toBeInstanceOf(Date);
    expect((await eventsOf(complaint.id)).map((e) => e.type)).toEqual(['complaint.registered', 'complaint.slaPaused']);
    // one write: the status and the stopped clock in one change
    expect(await changesOf(complaint.id)).toEqual([{ action: 'created', fields: expect.any(Array) }, { action: 'updated', fields: ['slaPausedAt', 'status'] }]);

    // the wait began 90 minutes ago
    const pausedAt = new Date(Date.now() - 90 * 60_000);
    await db.query(`UPDATE crm.complaints SET sla_paused_at = $2 WHERE id = $1`, [complaint.id, pausedAt]);
    const back = await complaints.update('spec', complaint.id, { status: 'in_progress' }, SYSTEM_VIEWER);
    expect(back).toMatchObject({ status: 'in_progress', slaPausedAt: null, slaPausedMinutes: 90 });
    expect((await changesOf(complaint.id)).slice(2)).toEqual([{ action: 'updated', fields: ['slaDueAt', 'slaPausedAt', 'slaPausedMinutes', 'slaRemindAt', 'status'] }]);
    const moved = back.slaDueAt.getTime() - complaint.slaDueAt.getTime();
    expect(moved).toBeGreaterThanOrEqual(90 * 60_000);
    expect(moved).toBeLessThan(91 * 60_000);
    const resumed = (await eventsOf(complaint.id)).at(-1)!;
    expect(resumed).toEqual({ type: 'complaint.slaResumed', variables: { slaDueAt: back.slaDueAt.toISOString(), slaRemindAt: back.slaRemindAt!.toISOString(), assigneeId: agent } });

    // a second wait adds up; the customer's reply ends it and carries the moved due times to the process
    await complaints.update('spec', complaint.id, { status: 'waiting_for_customer' }, SYSTEM_VIEWER);
    await db.query(`UPDATE crm.complaints SET sla_paused_at = $2 WHERE id = $1`, [complaint.id, new Date(Date.now() - 30 * 60_000)]);
    const replied = await complaints.customerReplied('spec', complaint.id, 'Here is the photo', SYSTEM_VIEWER);
    expect(replied).toMatchObject({ status: 'in_progress', slaPausedAt: null, slaPausedMinutes: 120 });
    // the resumption first (a process that missed the pause restarts its task on it), then the reply
    const movedAgain = { slaDueAt: replied.slaDueAt.toISOString(), slaRemindAt: replied.slaRemindAt!.toISOString(), assigneeId: agent };
    expect((await eventsOf(complaint.id)).slice(-2)).toEqual([
      { type: 'complaint.slaResumed', variables: movedAgain },
      { type: 'complaint.customerReplied', variables: { ...movedAgain, customerReply: 'Here is the photo' } },
    ]);
  });

  it('a reply to a complaint in progress changes nothing of the SLA', async () => {
    const complaint = await register(agent);
    const replied = await complaints.customerReplied('spec', complaint.id, 'Any news?', SYSTEM_VIEWER);
    expect(replied.slaDueAt).toEqual(complaint.slaDueAt);
    expect((await eventsOf(complaint.id)).map((e) => e.type)).toEqual(['complaint.registered', 'complaint.customerReplied']);
    expect((await eventsOf(complaint.id)).at(-1)).toEqual({ type: 'complaint.customerReplied', variables: { customerReply: 'Any news?' } });
  });

  it('the SLA compliance report judges by the working-time due time; a complaint waiting now is judged where its clock stopped', async () => {
    const service = await new TeamsService(db).create('spec', { name: 'Report desk', kind: 'service' });
    const reporter = (await new UsersService(db).create('spec', { name: 'Rita', email: 'rita@spec.test', role: 'manager', level: 'junior', teamId: service.id })).id;
    const at = (iso: string) => new Date(iso);
    const complaint = async (fields: Record<string, unknown>) => {
      const c = await register(reporter, '2026-11-27T19:00:00Z');
      const sets = Object.keys(fields).map((column, i) => `${column} = $${i + 2}`).join(', ');
      await db.query(`UPDATE crm.complaints SET ${sets} WHERE id = $1`, [c.id, ...Object.values(fields)]);
    };
    // due Monday 13:00 in working hours; 4 plain hours would have been Friday 23:00
    await complaint({ sla_due_at: at('2026-11-30T13:00:00Z'), resolved_at: at('2026-11-30T10:00:00Z'), status: 'resolved' });
    // a two-hour wait moved the due time to 15:00: resolved at 14:00 is in time
    await complaint({ sla_due_at: at('2026-11-30T15:00:00Z'), resolved_at: at('2026-11-30T14:00:00Z'), status: 'resolved', sla_paused_minutes: 120 });
    await complaint({ sla_due_at: at('2026-11-30T13:00:00Z'), resolved_at: at('2026-11-30T13:30:00Z'), status: 'resolved' });
    // waiting since before its due time (long past now): the clock stands still, not breached
    await complaint({ sla_due_at: at('2026-11-30T13:00:00Z'), status: 'waiting_for_customer', sla_paused_at: at('2026-11-30T11:00:00Z') });
    const report = await new ServiceReportsService(db).slaCompliance({ teamId: service.id }, SYSTEM_VIEWER);
    expect(report.byPriority.find((p) => p.priority === 'urgent')).toEqual({
      priority: 'urgent', total: 4, met: 2, breached: 1, pending: 1, escalated: 0, waiting: 1, pausedMinutes: 120, compliancePercent: 66.7,
    });
    expect(report.overall).toEqual({ met: 2, breached: 1, pausedMinutes: 120, compliancePercent: 66.7 });
  });
});
