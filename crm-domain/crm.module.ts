import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AssignmentService } from './assignment/assignment.service.js';
import { CRM_FEATURES, checkFeatures } from './crm-features.js';
import { CRM_OPTIONS, DEFAULT_CRM_OPTIONS, type CrmOptions } from './crm-options.js';
import { parseProcessTriggers } from './events/process-trigger.js';
import { ProcessTriggerExecutor } from './events/process-trigger.executor.js';
import { RecordEventRelay } from './events/record-event-relay.js';
import { ActivityCreateHandler } from './handlers/activity-create.handler.js';
import { ComplaintCloseHandler } from './handlers/complaint-close.handler.js';
import { ComplaintEscalateHandler } from './handlers/complaint-escalate.handler.js';
import { ComplaintSetSlaHandler } from './handlers/complaint-set-sla.handler.js';
import { ComplaintSlaStateHandler } from './handlers/complaint-sla-state.handler.js';
import { DealUpdateStageHandler } from './handlers/deal-update-stage.handler.js';
import { exportControllers, importControllers, importExportProviders } from './import/import.feature.js';
import { IdempotentHandlerRunner } from './handlers/idempotent-handler-runner.js';
import { LeadAssignHandler } from './handlers/lead-assign.handler.js';
import { NotifyHandler } from './handlers/notify.handler.js';
import { TaskHandlerRegistrar } from './handlers/task-handler-registrar.js';
import { OutboxController } from './notifications/outbox.controller.js';
import { OutboxRelay } from './notifications/outbox-relay.js';
import { ProcessDeployer } from './processes/process-deployer.js';
import { BodySizeGuard } from './public/body-size.guard.js';
import { RateLimitGuard } from './public/rate-limit.guard.js';
import { PublicLeadsController } from './public/public-leads.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { SalesReportsService } from './reports/sales-reports.service.js';
import { ServiceReportsService } from './reports/service-reports.service.js';
import { TaskReportsService } from './reports/task-reports.service.js';
import { DemoIncident } from './seed/demo-incident.js';
import { DemoSeeder } from './seed/demo-seeder.js';
import { CrmDatabase } from './shared/crm-database.js';
import { DatabaseErrorsInterceptor } from './shared/database-errors.interceptor.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TasksService } from './tasks/tasks.service.js';
import { RecordProcessesService } from './timeline/record-processes.service.js';
import { RecordsController } from './timeline/records.controller.js';
import { TimelineController } from './timeline/timeline.controller.js';
import { TimelineService } from './timeline/timeline.service.js';

/**
 * The CRM: records and their REST API under /api, the service-task handlers the processes call,
 * the record events that start processes and correlate messages, reports, the public web form,
 * the reference processes (deployed at start) and the demo data. Needs the global EngineModule.
 */
@Module({})
export class CrmModule {
  static forRoot(overrides: Partial<CrmOptions> = {}): DynamicModule {
    const options: CrmOptions = { ...DEFAULT_CRM_OPTIONS, ...overrides };
    parseProcessTriggers(options.triggers);
    checkFeatures();
    return {
      module: CrmModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: CRM_OPTIONS, useValue: options },
        CrmDatabase,
        DatabaseErrorsInterceptor,
        BodySizeGuard,
        RateLimitGuard,
        // people and records, one feature per folder
        ...CRM_FEATURES.flatMap((feature) => feature.providers),
        AssignmentService,
        // processes: deployed first, handlers registered before jobs run, events applied after commit
        ProcessDeployer,
        IdempotentHandlerRunner, TaskHandlerRegistrar,
        LeadAssignHandler, DealUpdateStageHandler, ActivityCreateHandler, ComplaintEscalateHandler, ComplaintCloseHandler, ComplaintSetSlaHandler, ComplaintSlaStateHandler, NotifyHandler,
        ProcessTriggerExecutor, RecordEventRelay,
        OutboxRelay,
        // read side
        RecordProcessesService, TimelineService, TasksService,
        SalesReportsService, ServiceReportsService, TaskReportsService,
        DemoSeeder, DemoIncident,
        ...importExportProviders,
      ],
      controllers: [
        ...exportControllers,
        ...CRM_FEATURES.flatMap((feature) => feature.controllers),
        ...importControllers,
        RecordsController, TimelineController, TasksController, ReportsController, OutboxController, PublicLeadsController,
      ],
    };
  }
}
