import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { sessionTokenOf } from '../../crm-domain/auth/session-cookie.js';
import { CROSS_SITE_ALLOWED } from '../../engine/nest/http/cross-site.js';
import { crossSiteRefusal } from './same-origin.js';
import { stateChangingRequest } from './state-changing.js';
import { coded } from '../../engine/nest/http/coded-exception.js';

/** Cross-site request forgery: a state-changing request must come from our own pages (see crossSiteRefusal). */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = stateChangingRequest(context);
    if (!request || this.reflector.getAllAndOverride<boolean>(CROSS_SITE_ALLOWED, [context.getHandler(), context.getClass()])) return true;
    const refusal = crossSiteRefusal(request, sessionTokenOf(request) !== null);
    if (refusal) throw new ForbiddenException(coded(`Refused a cross-site ${request.method} request: ${refusal}`, 'HTTP_CROSS_SITE_REFUSED'));
    return true;
  }
}
