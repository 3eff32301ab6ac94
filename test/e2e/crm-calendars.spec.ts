import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const aroundTheClock = { timeZone: 'UTC', hours: WEEK.map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: [] };

describe('working calendars end to end', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 'c');
  });
  afterAll(() => app?.close());

  const calendarOf = (teamId: string) => `/api/teams/${teamId}/calendar`;
  const openTasksOf = async (complaintId: string) => (await api.ok('GET', `/api/tasks?recordId=${complaintId}`)).items as any[];
  /** the complaint's open task once complaint-sla waits at *Resolve complaint* (a task other than `previousId`, when given) */
  const resolveTaskOf = (complaintId: string, previousId?: string) => eventually(async () => {
    const [open] = await openTasksOf(complaintId);
    if (previousId) expect(open?.id).not.toBe(previousId);
    expect(open?.taskDefinitionKey).toBe('ResolveComplaint');
    return open;
  });
  /** the instance's SLA timers are due at the complaint's due and reminder times */
  const expectTimersAt = async (processInstanceId: string, sla: { slaDueAt: string; slaRemindAt: string }) => {
    const timers = (await api.ok('GET', `/engine-rest/job?processInstanceId=${processInstanceId}&timers=true`)) as any[];
    expect(timers.map((j) => [j.activityId, Date.parse(j.dueDate)]).sort()).toEqual([['SlaBreached', Date.parse(sla.slaDueAt)], ['SlaReminder', Date.parse(sla.slaRemindAt)]]);
  };

  it('a team without a calendar has the default: Mon–Fri 9–18 UTC; every CRM role reads it', async () => {
    const calendar = await api.as(cast.junior).ok('GET', calendarOf(cast.salesTeam));
    expect(calendar).toMatchObject({ teamId: cast.salesTeam, isDefault: true, timeZone: 'UTC', holidays: [] });
    expect(calendar.hours).toEqual(WEEK.slice(0, 5).map((day) => ({ day, from: '09:00', to: '18:00' })));
    expect((await api.get(calendarOf('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });

  it('an admin sets one; the head changes their own team’s, not another team’s; a manager or director may not', async () => {
    const berlin = { timeZone: 'Europe/Berlin', hours: [{ day: 'mon', from: '08:00', to: '12:00' }, { day: 'mon', from: '13:00', to: '17:00' }], holidays: ['2026-12-24'] };
    expect(await api.ok('PUT', calendarOf(cast.salesTeam), berlin)).toMatchObject({ ...berlin, isDefault: false });
    expect(await api.ok('GET', calendarOf(cast.salesTeam))).toMatchObject({ ...berlin, isDefault: false });

    const fridays = { ...berlin, hours: [{ day: 'fri', from: '09:00', to: '15:00' }] };
    expect(await api.as(cast.headOfSales).ok('PUT', calendarOf(cast.salesTeam), fridays)).toMatchObject({ hours: fridays.hours });
    for (const [who, team] of [[cast.headOfSales, cast.serviceTeam], [cast.senior, cast.salesTeam], [cast.director, cast.salesTeam], [cast.agent, cast.serviceTeam]] as const) {
      const refused = await api.as(who).put(calendarOf(team), berlin);
      expect(refused.status).toBe(403);
    }
    expect(await api.ok('GET', calendarOf(cast.salesTeam))).toMatchObject({ hours: fridays.hours });
    await eventually(async () => {
      const rows = (await api.ok('GET', '/api/audit', { action: 'team.calendar', targetId: cast.salesTeam })).items as any[];
      expect(rows.map((r) => `${r.actorId === cast.headOfSales ? 'head' : r.actorId === cast.senior ? 'manager' : 'other'}:${r.outcome}`).sort())
        .toEqual(['head:success', 'manager:refused', 'other:refused', 'other:success']);
    });
  });

  it.each([
    [{ ...aroundTheClock, timeZone: 'Mars/Olympus' }, "'timeZone' is not an IANA time zone"],
    [{ ...aroundTheClock, hours: [{ day: 'mon', from: '18:00', to: '09:00' }] }, "'hours.0.to' must be after 'from'"],
    [{ ...aroundTheClock, hours: [{ day: 'mon', from: '9', to: '12:00' }] }, "'hours.0.from' expected a time HH:MM"],
    [{ ...aroundTheClock, hours: [{ day: 'someday', from: '09:00', to: '12:00' }] }, "'hours.0.day' expected one of mon"],
    [{ ...aroundTheClock, hours: [{ day: 'mon', from: '09:00', to: '12:00' }, { day: 'mon', from: '11:00', to: '13:00' }] }, "'hours.1' overlaps hours.0"],
    [{ ...aroundTheClock, hours: [] }, "'hours' must name at least one interval"],
    [{ ...aroundTheClock, holidays: ['2026-02-30'] }, "'holidays.0' expected a date YYYY-MM-DD"],
    [{ ...aroundTheClock, colour: 'blue' }, "unknown field 'colour'"],
    [{ hours: aroundTheClock.hours }, "'timeZone' expected"],
  ])('refuses a bad calendar with 400 naming the field (%#)', async (body, message) => {
    const response = await api.put(calendarOf(cast.serviceTeam), body);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(message);
  });

  it('a complaint’s SLA runs on its assignee’s team calendar; waiting for the customer stops it, the reply resumes it', async () => {
    await api.ok('PUT', calendarOf(cast.serviceTeam), aroundTheClock);
    const complaint = await api.ok('POST', '/api/complaints', {
      companyId: cast.company.id, contactId: cast.company.contactId, type: 'delivery', channel: 'phone', priority: 'urgent', description: 'Nothing arrived',
    });
    expect(complaint.assigneeId).toBe(cast.agent);
    expect(Date.parse(complaint.slaDueAt) - Date.parse(complaint.createdAt)).toBe(4 * HOUR);
    expect(Date.parse(complaint.slaRemindAt) - Date.parse(complaint.createdAt)).toBe(3 * HOUR);
    const openTasks = () => openTasksOf(complaint.id);
    await eventually(async () => expect((await openTasks()).map((t) => t.taskDefinitionKey)).toEqual(['ResolveComplaint']));

    const waiting = await api.as(cast.agent).ok('PATCH', `/api/complaints/${complaint.id}`, { status: 'waiting_for_customer' });
    expect(waiting).toMatchObject({ status: 'waiting_for_customer', slaPausedMinutes: 0 });
    expect(waiting.slaPausedAt).not.toBeNull();
    await eventually(async () => expect(await openTasks()).toEqual([]));

    const replied = await api.ok('POST', `/api/complaints/${complaint.id}/replies`, { message: 'Here is the photo' });
    expect(replied).toMatchObject({ status: 'in_progress', slaPausedAt: null });
    const pausedMs = Date.parse(replied.slaDueAt) - Date.parse(complaint.slaDueAt);
    expect(pausedMs).toBeGreaterThan(0);
    const task = await resolveTaskOf(complaint.id);
    expect(Date.parse(task.due)).toBe(Date.parse(replied.slaDueAt));
    await expectTimersAt(task.processInstanceId, replied);
  });

  it('a reply to a wait the process missed restarts its task on the moved due times, and the assignee is still told', async () => {
    await api.ok('PUT', calendarOf(cast.serviceTeam), aroundTheClock);
    const complaint = await api.ok('POST', '/api/complaints', {
      companyId: cast.company.id, contactId: cast.company.contactId, type: 'product_quality', channel: 'email', priority: 'high', description: 'Scratched',
    });
    const first = await resolveTaskOf(complaint.id);
    // the wait as the process misses it (its SlaPaused found no catcher): the record waits, two hours ago, the task runs on
    await app.nest.get<OpenedDatabase>(DATABASE).dataSource.query(
      `UPDATE crm.complaints SET status = 'waiting_for_customer', sla_paused_at = now() - interval '2 hours' WHERE id = $1`, [complaint.id]);

    const replied = await api.ok('POST', `/api/complaints/${complaint.id}/replies`, { message: 'Photo attached' });
    expect(replied).toMatchObject({ status: 'in_progress', slaPausedAt: null });
    expect(Date.parse(replied.slaDueAt) - Date.parse(complaint.slaDueAt)).toBeGreaterThanOrEqual(2 * HOUR);
    const again = await resolveTaskOf(complaint.id, first.id);
    expect(Date.parse(again.due)).toBe(Date.parse(replied.slaDueAt));
    await expectTimersAt(again.processInstanceId, replied);
    await eventually(async () => {
      const told = (await api.ok('GET', `/engine-rest/history/activity-instance?processInstanceId=${again.processInstanceId}&activityId=ForwardReply&finished=true`)) as any[];
      expect(told).toHaveLength(1);
    });
  });

  it('the status back to in progress resumes the clock too, with the task and its timers on the moved due time', async () => {
    const complaint = await api.ok('POST', '/api/complaints', {
      companyId: cast.company.id, contactId: cast.company.contactId, type: 'billing', channel: 'email', priority: 'high', description: 'Invoice twice',
    });
    const first = await resolveTaskOf(complaint.id);
    await api.ok('PATCH', `/api/complaints/${complaint.id}`, { status: 'waiting_for_customer' });
    await eventually(async () => expect(await openTasksOf(complaint.id)).toEqual([]));
    const back = await api.ok('PATCH', `/api/complaints/${complaint.id}`, { status: 'in_progress' });
    expect(back).toMatchObject({ status: 'in_progress', slaPausedAt: null, slaPausedMinutes: expect.any(Number) });
    expect(Date.parse(back.slaDueAt)).toBeGreaterThan(Date.parse(complaint.slaDueAt));
    const again = await resolveTaskOf(complaint.id);
    expect(again.id).not.toBe(first.id);
    expect(Date.parse(again.due)).toBe(Date.parse(back.slaDueAt));
  });
});
