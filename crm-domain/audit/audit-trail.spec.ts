import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import type { AuditSpec } from '../../engine/nest/access/index.js';
import { apiKeyPrincipal, signedInUser, type SignedInUser } from '../auth/signed-in-user.js';
import type { AuditEntry } from './audit-entry.js';
import type { AuditLog } from './audit-log.js';
import { AuditTrail } from './audit-trail.js';

const mary = signedInUser({ id: 'mary-id', name: 'Mary', email: 'mary@example.com', role: 'manager', level: 'junior', team_id: null, team_name: null, team_kind: null });

function call(user?: SignedInUser, extra: Partial<Request> = {}) {
  const request = { params: { id: 'task-1' }, query: {}, body: {}, ip: '203.0.113.7', user, id: 42, ...extra } as unknown as Request;
  const response = Object.assign(new EventEmitter(), { statusCode: 200 }) as unknown as Response & EventEmitter;
  return { request, response };
}

describe('audit trail', () => {
  let rows: AuditEntry[];
  let trail: AuditTrail;
  const spec: AuditSpec = { action: 'task.complete', target: 'task' };
  const finish = async (response: Response & EventEmitter, status: number) => {
    response.statusCode = status;
    response.emit('finish');
    await new Promise((resolve) => setImmediate(resolve));
  };

  beforeEach(() => {
    rows = [];
    trail = new AuditTrail({ append: async (entry: AuditEntry) => void rows.push(entry) } as unknown as AuditLog);
  });

  it('records a success once, with the actor, the target of the route and where the call came from', async () => {
    const { request, response } = call(mary);
    trail.begin(request, response, spec);
    expect(trail.isPending(request)).toBe(true);
    await trail.succeeded(request, response, undefined);
    await finish(response, 204);
    expect(rows).toEqual([{
      actorId: 'mary-id', actorName: 'Mary', actorKind: 'user', viaApiKey: null, action: 'task.complete', targetType: 'task', targetId: 'task-1',
      outcome: 'success', status: 200, clientAddress: '203.0.113.7', requestId: '42', details: {},
    }]);
    expect(trail.isPending(request)).toBe(false);
  });

  it('takes the target from the answer when the route has no id, and names the API key a call came with', async () => {
    const key = apiKeyPrincipal({ id: 'key-1', name: 'deployer', roles: ['analyst'], topics: null });
    const { request, response } = call(key, { params: {} });
    trail.begin(request, response, { action: 'deployment.create', target: 'deployment' });
    await trail.succeeded(request, response, { id: 'dep-9' });
    expect(rows[0]).toMatchObject({ actorId: 'api-key:key-1', actorKind: 'api-key', viaApiKey: 'key-1', targetId: 'dep-9' });
  });

  it('records a refusal (403) and a server failure (5xx) when the answer is sent; not client mistakes', async () => {
    for (const [status, outcome] of [[403, 'refused'], [500, 'failed'], [400, undefined], [404, undefined], [409, undefined]] as const) {
      const { request, response } = call(mary);
      trail.begin(request, response, spec);
      await finish(response, status);
      expect([status, rows.pop()?.outcome]).toEqual([status, outcome]);
    }
  });

  it('records nothing for a caller nobody knows (401), so anonymous requests cannot fill the log', async () => {
    const { request, response } = call(undefined);
    trail.begin(request, response, spec);
    await finish(response, 401);
    await finish(response, 403);
    expect(rows).toEqual([]);
  });

  it('makes the user a sign-in answers with the actor', async () => {
    const { request, response } = call(undefined, { params: {} });
    trail.begin(request, response, { action: 'session.sign-in', target: 'user', signsIn: true });
    await trail.succeeded(request, response, mary);
    expect(rows[0]).toMatchObject({ actorId: 'mary-id', targetId: 'mary-id', outcome: 'success' });
  });

  it('keeps the row when reading the details throws on hostile input', async () => {
    const { request, response } = call(mary);
    trail.begin(request, response, { ...spec, details: () => { throw new Error('hostile'); }, targetId: () => { throw new Error('hostile'); } });
    await trail.succeeded(request, response, undefined);
    expect(rows[0]).toMatchObject({ action: 'task.complete', targetId: null, details: {} });
  });
});
