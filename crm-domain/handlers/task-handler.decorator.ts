import { DiscoveryService } from '@nestjs/core';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { CrmTaskError } from '../shared/crm-errors.js';

/**
 * Marks a provider as the in-process handler of a service-task topic:
 * `@TaskHandler('crm.lead.assign') class LeadAssignHandler implements CrmTaskHandler`.
 * The registrar finds every marked provider at start and registers it with the engine.
 */
export const TaskHandler = DiscoveryService.createDecorator<string>();

/**
 * A CRM service-task handler. `handle` runs inside one CRM transaction together with the record
 * of its job id, so a repeated job (same `input.jobId`) returns the first committed result
 * without doing the work twice. Return variables or a BPMN error; throw to fail (retries, then
 * an incident). Never call the engine from `handle`.
 */
export interface CrmTaskHandler {
  handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult | void>;
  /** after the transaction committed (first run only): e.g. wake the mail relay */
  afterCommit?(result: ServiceTaskResult | void): void | Promise<void>;
}

/** a string input of the task (camunda:inputParameter or process variable) */
export function textInput(input: ServiceTaskInput, name: string): string | undefined {
  const value = input.variables[name];
  return value === null || value === undefined || value === '' ? undefined : String(value);
}

export function requiredText(input: ServiceTaskInput, name: string): string {
  const value = textInput(input, name);
  if (value === undefined) throw new CrmTaskError(`Expected the input '${name}' on task '${input.activityId}' (${input.topic}), but it is missing`, 'CRM_TASK_INPUT_INVALID');
  return value;
}

/** the CRM record a task works on: an explicit input, else the business key */
export function recordIdOf(input: ServiceTaskInput, variable: string): string {
  const id = textInput(input, variable) ?? input.businessKey ?? undefined;
  if (!id) throw new CrmTaskError(`Expected '${variable}' or a business key on task '${input.activityId}' (${input.topic}), but neither is set`, 'CRM_TASK_INPUT_INVALID');
  return id;
}
