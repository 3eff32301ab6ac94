import { Get, Query } from '@nestjs/common';
import { CrmRequires } from '../auth/permissions.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { parseInput } from '../shared/validation.js';
import { auditListQuery } from './audit-query.js';
import { AuditSearch } from './audit-search.js';

/** The audit log, for admins and ops: who did what, to what, when, and whether it was allowed. */
@CrmRequires('crm.audit')
@CrmController('audit', 'Audit')
export class AuditController {
  constructor(private readonly search: AuditSearch) {}

  @Get()
  list(@Query() query: unknown) {
    return this.search.page(parseInput(auditListQuery, query, 'query'));
  }
}
