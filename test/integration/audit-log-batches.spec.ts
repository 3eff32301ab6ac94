import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { CommitCompanionWriters } from '../../engine/adapters/typeorm/commit-companions.js';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { AuditLog } from '../../crm-domain/audit/audit-log.js';
import type { AuditEntry } from '../../crm-domain/audit/audit-entry.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The audit log writes the rows of calls answered at about the same time in one insert. */
describe('audit log appends in batches', () => {
  let db: TestDatabase;
  let audit: AuditLog;

  beforeAll(async () => {
    db = await openTestDatabase();
    audit = new AuditLog({ dataSource: db.dataSource } as OpenedDatabase, new CommitCompanionWriters());
  }, 120_000);

  afterAll(async () => db?.close());

  function entry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
    return {
      actorId: `user-${n}`, actorName: `User "${n}" \\ O'Brien`, actorKind: 'user', viaApiKey: n % 2 ? null : '9f1c2d4e-1111-4222-8333-444455556666',
      action: 'task.complete', targetType: 'task', targetId: `task-${n}`, outcome: 'success', status: n % 3 ? 204 : null,
      clientAddress: '127.0.0.1', requestId: `req-${n}`, details: { n, note: 'quote " backslash \\ brace { ü' }, ...overrides,
    };
  }

  it('stores every row of concurrent appends, each with its own values', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, n) => audit.append(entry(n))));
    const rows = await db.dataSource.query(`SELECT actor_id, actor_name, via_api_key, target_id, status, request_id, details FROM crm.audit_log WHERE action = 'task.complete' ORDER BY id`);
    expect(rows).toHaveLength(25);
    const byActor = new Map<string, Record<string, unknown>>(rows.map((row: Record<string, unknown>) => [row['actor_id'] as string, row]));
    for (let n = 0; n < 25; n += 1) {
      const row = byActor.get(`user-${n}`)!;
      expect(row).toEqual({
        actor_id: `user-${n}`, actor_name: `User "${n}" \\ O'Brien`, via_api_key: n % 2 ? null : '9f1c2d4e-1111-4222-8333-444455556666',
        target_id: `task-${n}`, status: n % 3 ? 204 : null, request_id: `req-${n}`, details: { n, note: 'quote " backslash \\ brace { ü' },
      });
    }
  });

  it('a row the table refuses costs only itself, and append does not throw', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const entries = Array.from({ length: 10 }, (_, n) => entry(100 + n, { action: 'deal.update', ...(n === 4 ? { actorKind: 'robot' as AuditEntry['actorKind'] } : {}) }));
      await Promise.all(entries.map((one) => audit.append(one)));
      const rows = await db.dataSource.query(`SELECT actor_id FROM crm.audit_log WHERE action = 'deal.update' ORDER BY actor_id`);
      expect(rows.map((row: { actor_id: string }) => row.actor_id)).toEqual(entries.filter((_, n) => n !== 4).map((one) => one.actorId).sort());
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('user-104'));
    } finally {
      errors.mockRestore();
    }
  });
});
