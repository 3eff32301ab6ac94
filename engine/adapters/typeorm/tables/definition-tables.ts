import type { ProcessDefinitionRecord } from '../../../core/definitions/definition-record.js';
import type { FormDefinitionRecord } from '../../../core/forms/form-definition.js';
import type { DeploymentRecord, ResourceRecord } from '../../../core/ports/engine-store.js';
import { col, date, number, optionalNumber, type Table } from './table.js';

export const deploymentTable: Table<DeploymentRecord> = {
  name: 'engine.deployment',
  columns: [col('id', 'id'), col('name', 'name'), col('source', 'source'), col('tenantId', 'tenant_id'), col('deploymentTime', 'deployment_time', undefined, date)],
};

export const resourceTable: Table<ResourceRecord> = {
  name: 'engine.resource',
  columns: [col('id', 'id'), col('deploymentId', 'deployment_id'), col('name', 'name'), col('content', 'content'), col('hash', 'hash')],
};

export const definitionTable: Table<ProcessDefinitionRecord> = {
  name: 'engine.process_definition',
  columns: [
    col('id', 'id'),
    col('key', 'key'),
    col('version', 'version', undefined, number),
    col('name', 'name'),
    col('versionTag', 'version_tag'),
    col('deploymentId', 'deployment_id'),
    col('resourceName', 'resource_name'),
    col('tenantId', 'tenant_id'),
    col('suspended', 'suspended'),
    col('historyTimeToLive', 'history_ttl', undefined, optionalNumber),
    col('hasStartForm', 'has_start_form'),
    col('startFormKey', 'start_form_key'),
    col('category', 'category'),
    col('description', 'description'),
  ],
};

export const formDefinitionTable: Table<FormDefinitionRecord> = {
  name: 'engine.form_definition',
  columns: [
    col('id', 'id'),
    col('key', 'key'),
    col('version', 'version', undefined, number),
    col('deploymentId', 'deployment_id'),
    col('resourceName', 'resource_name'),
    col('tenantId', 'tenant_id'),
  ],
};
