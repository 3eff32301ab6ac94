import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { AuditSpec } from '../../engine/nest/access/index.js';
import { AuditRouteGuard } from './audit-route.guard.js';
import type { AuditTrail } from './audit-trail.js';

function contextOf(body: unknown): ExecutionContext {
  const request = { params: { key: 'deal_approval' }, query: {}, body };
  return { getType: () => 'http', getHandler: () => undefined, switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }) } as unknown as ExecutionContext;
}

function guardWith(spec: AuditSpec | undefined) {
  const begun: unknown[] = [];
  const reflector = { get: () => spec } as unknown as Reflector;
  const trail = { begin: (request: unknown) => begun.push(request) } as unknown as AuditTrail;
  return { guard: new AuditRouteGuard(reflector, trail), begun };
}

describe('AuditRouteGuard', () => {
  const startAt: AuditSpec = {
    action: 'process-instance.start-at',
    target: 'process-definition',
    when: (call) => Array.isArray((call.body as { startInstructions?: unknown }).startInstructions),
  };

  it('lets every call through and begins the audit of an audited route', () => {
    const { guard, begun } = guardWith({ action: 'task.complete', target: 'task' });
    expect(guard.canActivate(contextOf({}))).toBe(true);
    expect(begun).toHaveLength(1);
  });

  it("audits only the calls a spec's when picks", () => {
    const { guard, begun } = guardWith(startAt);
    expect(guard.canActivate(contextOf({ variables: {} }))).toBe(true);
    expect(begun).toHaveLength(0);
    expect(guard.canActivate(contextOf({ startInstructions: [{ type: 'startBeforeActivity', activityId: 'a' }] }))).toBe(true);
    expect(begun).toHaveLength(1);
  });

  it('records the call when its when cannot tell (it throws), rather than lose it', () => {
    const { guard, begun } = guardWith({ ...startAt, when: () => { throw new Error('unreadable'); } });
    expect(guard.canActivate(contextOf(null))).toBe(true);
    expect(begun).toHaveLength(1);
  });

  it('begins nothing on a route without an audit spec', () => {
    const { guard, begun } = guardWith(undefined);
    expect(guard.canActivate(contextOf({}))).toBe(true);
    expect(begun).toHaveLength(0);
  });
});
