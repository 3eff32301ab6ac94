export type { Clock } from './clock.js';
export type { IdGenerator } from './id-generator.js';
export type { EngineStore, EngineTransaction, SubscriptionQuery, DeploymentRecord, ResourceRecord, NewDeployment } from './engine-store.js';
export type { JobDispatcher, DispatchableJob, JobRunner } from './job-dispatcher.js';
export type { ServiceTaskHandler, ServiceTaskHandlerRegistry, ServiceTaskInput, ServiceTaskResult } from './service-task-handler.js';
export type { ProcessDefinitionRecord, DeployedDefinition } from '../definitions/definition-record.js';
