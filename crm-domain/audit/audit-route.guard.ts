import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { auditSpecOf, type AuditSpec } from '../../engine/nest/access/index.js';
import { AuditTrail } from './audit-trail.js';

/**
 * Lets everything through: it only starts the audit of an `@Audited` route, so that a refusal by
 * the access guard is recorded too. It must run before that guard: AuditModule is imported
 * before AuthModule (global guards run in the order their modules are scanned).
 */
@Injectable()
export class AuditRouteGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const spec = auditSpecOf(this.reflector, context);
    const request = context.switchToHttp().getRequest<Request>();
    if (spec && applies(spec, request)) this.trail.begin(request, context.switchToHttp().getResponse<Response>(), spec);
    return true;
  }
}

/** a spec's `when` reads the raw request; one that cannot tell (it throws) records the call rather than lose it */
function applies(spec: AuditSpec, request: Request): boolean {
  if (!spec.when) return true;
  try {
    return spec.when({ params: request.params, query: request.query as Record<string, unknown>, body: request.body as unknown });
  } catch {
    return true;
  }
}
