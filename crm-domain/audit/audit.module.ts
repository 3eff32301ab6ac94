import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditLog } from './audit-log.js';
import { AuditRouteGuard } from './audit-route.guard.js';
import { AuditSearch } from './audit-search.js';
import { AuditTrail } from './audit-trail.js';
import { SignInAudit } from './sign-in-audit.js';

/**
 * The audit log (`crm.audit_log`, append-only): routes marked `@Audited` are recorded by one
 * guard and one interceptor, sign-in failures by SignInAudit; GET /api/audit reads it. Import it
 * before AuthModule, so that its guard starts before the access guard refuses. Needs the global
 * EngineModule.
 */
@Global()
@Module({
  providers: [
    AuditLog,
    AuditSearch,
    AuditTrail,
    SignInAudit,
    { provide: APP_GUARD, useClass: AuditRouteGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  controllers: [AuditController],
  exports: [AuditLog, SignInAudit],
})
export class AuditModule {}
