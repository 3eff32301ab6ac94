import type { DecisionDefinitionRecord, DecisionRequirementsDefinitionRecord, HistoricDecisionInstanceRecord } from '../../../core/dmn/decision-records.js';
import { col, date, json, number, optionalNumber, parsedJson, type Table } from './table.js';

export const decisionDefinitionTable: Table<DecisionDefinitionRecord> = {
  name: 'engine.decision_definition',
  columns: [
    col('id', 'id'),
    col('key', 'key'),
    col('version', 'version', undefined, number),
    col('name', 'name'),
    col('versionTag', 'version_tag'),
    col('category', 'category'),
    col('deploymentId', 'deployment_id'),
    col('resourceName', 'resource_name'),
    col('tenantId', 'tenant_id'),
    col('historyTimeToLive', 'history_ttl', undefined, optionalNumber),
    col('decisionRequirementsDefinitionId', 'requirements_id'),
    col('decisionRequirementsDefinitionKey', 'requirements_key'),
  ],
};

export const decisionRequirementsDefinitionTable: Table<DecisionRequirementsDefinitionRecord> = {
  name: 'engine.decision_requirements_definition',
  columns: [
    col('id', 'id'),
    col('key', 'key'),
    col('version', 'version', undefined, number),
    col('name', 'name'),
    col('category', 'category'),
    col('deploymentId', 'deployment_id'),
    col('resourceName', 'resource_name'),
    col('tenantId', 'tenant_id'),
  ],
};

export const histDecisionInstanceTable: Table<HistoricDecisionInstanceRecord> = {
  name: 'engine.hist_decision_instance',
  columns: [
    col('id', 'id'),
    col('decisionDefinitionId', 'decision_definition_id'),
    col('decisionDefinitionKey', 'decision_definition_key'),
    col('decisionDefinitionName', 'decision_definition_name'),
    col('decisionRequirementsDefinitionId', 'requirements_id'),
    col('decisionRequirementsDefinitionKey', 'requirements_key'),
    col('evaluationTime', 'evaluation_time', undefined, date),
    col('processDefinitionId', 'definition_id'),
    col('processDefinitionKey', 'definition_key'),
    col('processInstanceId', 'process_instance_id'),
    col('activityId', 'activity_id'),
    col('activityInstanceId', 'activity_instance_id'),
    col('rootDecisionInstanceId', 'root_decision_instance_id'),
    col('inputs', 'inputs', json, parsedJson([])),
    col('outputs', 'outputs', json, parsedJson([])),
    col('collectResultValue', 'collect_result_value', (v) => (v === null ? null : JSON.stringify(v)), parsedJson(null)),
    col('userId', 'user_id'),
    col('tenantId', 'tenant_id'),
  ],
};
