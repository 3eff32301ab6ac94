import { Get, Query } from '@nestjs/common';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { parseInput } from '../shared/validation.js';
import { complaintsByTypeQuery, funnelQuery, openTasksQuery, slaQuery } from './report-schemas.js';
import { SalesReportsService } from './sales-reports.service.js';
import { ServiceReportsService } from './service-reports.service.js';
import { TaskReportsService } from './task-reports.service.js';
import { CrmRequires } from '../auth/permissions.js';

@CrmRequires('crm.reports')
@CrmController('reports', 'CRM reports')
export class ReportsController {
  constructor(
    private readonly sales: SalesReportsService,
    private readonly service: ServiceReportsService,
    private readonly tasks: TaskReportsService,
  ) {}

  /** deals per stage: count, amount and weighted amount per currency; by period, owner, team. Every report covers the records the caller sees: filters narrow it, never widen it */
  @Get('sales-funnel')
  funnel(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.sales.funnel(parseInput(funnelQuery, query, 'query'), viewer);
  }

  /** complaints by type per manager (assignee), optionally per day/week/month; `ownerId` is the assignee */
  @Get('complaints-by-type')
  complaintsByType(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.service.complaintsByType(parseInput(complaintsByTypeQuery, query, 'query'), viewer);
  }

  @Get('sla-compliance')
  slaCompliance(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.service.slaCompliance(parseInput(slaQuery, query, 'query'), viewer);
  }

  @Get('open-tasks')
  openTasks(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.tasks.openTasks(parseInput(openTasksQuery, query, 'query'), viewer);
  }
}
