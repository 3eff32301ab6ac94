import { DiscoveryService } from '@nestjs/core';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { CrmTaskError } from '../shared/crm-errors.js';
import { isUuid } from '../shared/record-types.js';

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
  const id = optionalRecordIdOf(input, variable);
  if (!id) throw new CrmTaskError(`Expected '${variable}' or a business key on task '${input.activityId}' (${input.topic}), but neither is set`, 'CRM_TASK_INPUT_INVALID');
  return id;
}

/** as recordIdOf, but null when neither the input nor a business key is set */
export function optionalRecordIdOf(input: ServiceTaskInput, variable: string): string | null {
  const explicit = idInput(input, variable);
  if (explicit) return explicit;
  return input.businessKey ? expectId(input, 'the business key', input.businessKey) : null;
}

/** an input naming a CRM record or user, checked to be a UUID */
export function idInput(input: ServiceTaskInput, name: string): string | undefined {
  const value = textInput(input, name);
  return value === undefined ? undefined : expectId(input, `'${name}'`, value);
}

/**
 * Record and user ids are UUIDs: anything else is refused here with the input's name, so it never
 * reaches SQL (where it would fail with the database's own words instead).
 */
export function expectId(input: ServiceTaskInput, what: string, value: string): string {
  if (isUuid(value)) return value;
  const shown = value.length > 100 ? `${value.slice(0, 100)}...` : value;
  throw new CrmTaskError(
    `Expected ${what} of task '${input.activityId}' (${input.topic}) to be a CRM record id (a UUID), but got '${shown}'`,
    'CRM_TASK_INPUT_INVALID',
  );
}
