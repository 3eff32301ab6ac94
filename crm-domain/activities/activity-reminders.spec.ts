import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { openDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { migrations } from '../../migrations/index.js';
import { createScratchDatabase, openEmbeddedTestDatabase, testDatabaseBaseUrl, type ScratchDatabase } from '../../test/support/test-database.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';
import { DEFAULT_CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { crmEntities } from '../entities.js';
import { OutboxRelay } from '../notifications/outbox-relay.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { TeamsService } from '../users/teams.service.js';
import { UsersService } from '../users/users.service.js';
import { ActivitiesService } from './activities.service.js';
import { ActivityReminderSweep } from './activity-reminders.js';

const options: CrmOptions = { ...DEFAULT_CRM_OPTIONS, activityReminders: { minutesBefore: 15, sweepMs: 60_000 } };
const minutes = (n: number) => n * 60_000;

/**
 * Activity reminders against a database, with the clock in the test's hand (`sweep(now)`). With
 * DATABASE_URL two "nodes" (two connection pools) sweep one PostgreSQL database; embedded, one.
 */
describe('activity reminders', () => {
  const opened: OpenedDatabase[] = [];
  let close: () => Promise<void>;
  let db: CrmDatabase;
  let activities: ActivitiesService;
  let ownerId: string;
  let ownerEmail: string;
  const t0 = new Date(Date.now() + minutes(24 * 60));
  let seq = 0;

  beforeAll(async () => {
    const baseUrl = testDatabaseBaseUrl();
    if (baseUrl) {
      const scratch: ScratchDatabase = await createScratchDatabase(baseUrl);
      for (let node = 0; node < 2; node++) opened.push(await openDatabase({ url: scratch.url, migrations, entities: crmEntities, poolSize: 4 }));
      await opened[0]!.dataSource.runMigrations({ transaction: 'each' });
      close = async () => {
        for (const o of opened) await o.dataSource.destroy();
        await scratch.drop();
      };
    } else {
      const embedded = await openEmbeddedTestDatabase(crmEntities);
      opened.push(embedded.opened);
      close = () => embedded.close();
    }
    db = new CrmDatabase(opened[0]!);
    activities = new ActivitiesService(db, options);
    const teamId = (await new TeamsService(db).create('spec', { name: 'Sales', kind: 'sales' })).id;
    ownerEmail = 'owner@reminders.test';
    ownerId = (await new UsersService(db).create('spec', { name: 'Olga Owner', email: ownerEmail, role: 'manager', level: 'junior', teamId })).id;
  }, 180_000);
  afterAll(() => close?.());

  /** a sweep as a node runs it: on its own connections (the second node's with PostgreSQL) */
  const node = (index = 0) => {
    const nodeDb = new CrmDatabase(opened[index % opened.length]!);
    return new ActivityReminderSweep(nodeDb, new OutboxRelay(nodeDb, options), options);
  };
  const activity = (dueAt: Date, extra: { remindBefore?: number; done?: boolean } = {}) =>
    activities.create('spec', { kind: 'call', subject: `Call ${++seq}`, dueAt, ownerId, ...extra }, SYSTEM_VIEWER);
  const reminders = async (subject: string) =>
    db.query<{ recipient: string; status: string }>(`SELECT recipient, status FROM crm.outbox WHERE subject = $1`, [`Reminder: ${subject}`]);

  it('reminds the owner once, when the reminder is due, through the outbox', async () => {
    const call = await activity(new Date(t0.getTime() + minutes(60)), { remindBefore: 20 });
    expect(await node().sweep(new Date(t0.getTime() + minutes(39)))).toBe(0);
    expect(await reminders(call.subject)).toEqual([]);
    await node().sweep(new Date(t0.getTime() + minutes(41)));
    expect(await reminders(call.subject)).toEqual([{ recipient: ownerEmail, status: 'outbox' }]);
    await node().sweep(new Date(t0.getTime() + minutes(42)));
    expect(await reminders(call.subject)).toHaveLength(1);
  });

  it('takes the default from the options when the activity names no time', async () => {
    const call = await activity(new Date(t0.getTime() + minutes(60)));
    await node().sweep(new Date(t0.getTime() + minutes(44)));
    expect(await reminders(call.subject)).toEqual([]);
    await node().sweep(new Date(t0.getTime() + minutes(46)));
    expect(await reminders(call.subject)).toHaveLength(1);
  });

  it('does not remind of done activities, nor of ones without a reminder', async () => {
    const done = await activity(new Date(t0.getTime() + minutes(60)), { done: true });
    const silent = await activity(new Date(t0.getTime() + minutes(60)), { remindBefore: 0 });
    const later = await activity(new Date(t0.getTime() + minutes(60)));
    await activities.update('spec', later.id, { done: true }, SYSTEM_VIEWER);
    await node().sweep(new Date(t0.getTime() + minutes(50)));
    for (const a of [done, silent, later]) expect(await reminders(a.subject)).toEqual([]);
  });

  it('does not send twice after a restart, nor when two nodes sweep at once', async () => {
    const call = await activity(new Date(t0.getTime() + minutes(60)));
    const at = new Date(t0.getTime() + minutes(50));
    const sent = await Promise.all([node(0).sweep(at), node(1).sweep(at), node(0).sweep(at)]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    // a restart: new sweeps, new connections, the same database
    await node(1).sweep(new Date(at.getTime() + minutes(1)));
    await node(0).sweep(new Date(at.getTime() + minutes(2)));
    expect(await reminders(call.subject)).toHaveLength(1);
  });

  it('reminds again when the due time moves, and never after the due time', async () => {
    const call = await activity(new Date(t0.getTime() + minutes(60)));
    await node().sweep(new Date(t0.getTime() + minutes(50)));
    await activities.update('spec', call.id, { dueAt: new Date(t0.getTime() + minutes(120)) }, SYSTEM_VIEWER);
    await node().sweep(new Date(t0.getTime() + minutes(110)));
    expect(await reminders(call.subject)).toHaveLength(2);
    const missed = await activity(new Date(t0.getTime() + minutes(60)));
    await node().sweep(new Date(t0.getTime() + minutes(61)));
    expect(await reminders(missed.subject)).toEqual([]);
  });

  it('lists overdue activities: not done and past the due time', async () => {
    const past = await activity(new Date(Date.now() - minutes(5)), { remindBefore: 0 });
    const pastDone = await activity(new Date(Date.now() - minutes(5)), { remindBefore: 0, done: true });
    const page = await activities.list({ page: 1, pageSize: 200, overdue: true, ownerId }, SYSTEM_VIEWER);
    const ids = page.items.map((a) => a.id);
    expect(ids).toContain(past.id);
    expect(ids).not.toContain(pastDone.id);
    expect(ids.every((id) => id === past.id)).toBe(true);
  });
});
