import { Module, type DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TerminusModule } from '@nestjs/terminus';
import { BatchSelection } from './batch-selection.js';
import { EngineLifecycle } from './engine-lifecycle.js';
import { ENGINE_QUERIES, engineProviders, JOB_DISPATCHER } from './engine-providers.js';
import type { EngineSettings } from './engine-settings.js';
import { ExternalTaskWaiters } from './external-task-waiters.js';
import { HandlerRegistry } from './handler-registry.js';
import { ExpressionGlobalRegistry } from './expression-global-registry.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './health/metrics.controller.js';
import { IdentityDirectory } from './identity-directory.js';
import { TaskVisibility } from './task-visibility.js';
import { AdHocSubProcessController } from './rest/ad-hoc-sub-process.controller.js';
import { BatchOperationsController } from './rest/batch-operations.controller.js';
import { BatchController } from './rest/batch.controller.js';
import { DecisionDefinitionController } from './rest/decision-definition.controller.js';
import { DecisionRequirementsDefinitionController } from './rest/decision-requirements-definition.controller.js';
import { DeploymentController } from './rest/deployment.controller.js';
import { deploymentUploadOptions } from './rest/deployment-upload.js';
import { EngineInfoController } from './rest/engine-info.controller.js';
import { ExternalTaskController } from './rest/external-task.controller.js';
import { HistoricDecisionInstanceController } from './rest/historic-decision-instance.controller.js';
import { HistoricBatchController } from './rest/historic-batch.controller.js';
import { HistoryController } from './rest/history.controller.js';
import { IncidentController } from './rest/incident.controller.js';
import { JobController } from './rest/job.controller.js';
import { MessageController, SignalController } from './rest/message.controller.js';
import { MetricsIntervalController } from './rest/metrics.controller.js';
import { ProcessDefinitionController } from './rest/process-definition.controller.js';
import { ConditionController } from './rest/condition.controller.js';
import { ProcessInstanceController } from './rest/process-instance.controller.js';
import { StartFormController } from './rest/start-form.controller.js';
import { TaskController } from './rest/task.controller.js';
import { TaskFormController } from './rest/task-form.controller.js';
import { TaskCommentController } from './rest/task-comment.controller.js';
import { COMMIT_COMPANIONS, DATABASE, ENGINE_SETTINGS } from './tokens.js';
import { Engine } from '../core/engine.js';

/** The engine as a Nest module: ports bound to adapters, and the Camunda 7 REST subset. */
@Module({})
export class EngineModule {
  static forRoot(settings: EngineSettings): DynamicModule {
    return {
      module: EngineModule,
      global: true,
      imports: [TerminusModule, MulterModule.register(deploymentUploadOptions(settings.maxDeploymentBytes))],
      providers: [{ provide: ENGINE_SETTINGS, useValue: settings }, ...engineProviders, IdentityDirectory, TaskVisibility, EngineLifecycle, BatchSelection],
      controllers: [
        EngineInfoController,
        DeploymentController,
        StartFormController,
        ProcessDefinitionController,
        DecisionDefinitionController,
        DecisionRequirementsDefinitionController,
        ProcessInstanceController,
        AdHocSubProcessController,
        TaskCommentController,
        TaskFormController,
        TaskController,
        ExternalTaskController,
        JobController,
        MessageController,
        ConditionController,
        SignalController,
        IncidentController,
        MetricsIntervalController,
        HistoricDecisionInstanceController,
        HistoryController,
        BatchOperationsController,
        BatchController,
        HistoricBatchController,
        HealthController,
        MetricsController,
      ],
      exports: [Engine, ENGINE_QUERIES, DATABASE, COMMIT_COMPANIONS, JOB_DISPATCHER, HandlerRegistry, ExpressionGlobalRegistry, ExternalTaskWaiters, IdentityDirectory, TaskVisibility],
    };
  }
}
