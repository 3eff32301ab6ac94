import { activitiesFeature } from './activities/activities.feature.js';
import { calendarsFeature } from './calendars/calendars.feature.js';
import { companiesFeature, contactsFeature } from './companies/companies.feature.js';
import { complaintsFeature } from './complaints/complaints.feature.js';
import { dealsFeature } from './deals/deals.feature.js';
import { duplicatesFeature } from './duplicates/duplicates.feature.js';
import { leadsFeature } from './leads/leads.feature.js';
import type { CrmFeature } from './shared/crm-feature.js';
import { RECORD_TYPE_REGISTRY } from './shared/record-types.js';
import { usersFeature } from './users/users.feature.js';
import { workspaceFeature } from './workspace/workspace.feature.js';

/** the CRM's people and records, one line per folder (CrmModule wires them; crm-domain/README.md) */
export const CRM_FEATURES: readonly CrmFeature[] = [usersFeature, companiesFeature, contactsFeature, leadsFeature, dealsFeature, activitiesFeature, complaintsFeature, duplicatesFeature, calendarsFeature, workspaceFeature];

/** every registered record type is wired by exactly one feature, and every feature's record type is registered */
export function checkFeatures(features: readonly CrmFeature[] = CRM_FEATURES): void {
  const served = features.flatMap((feature) => (feature.record ? [feature.record.type] : []));
  const registered = RECORD_TYPE_REGISTRY.map((definition) => definition.type as string);
  const unwired = registered.filter((type) => served.filter((s) => s === type).length !== 1);
  const unregistered = served.filter((type) => !registered.includes(type));
  if (unwired.length > 0 || unregistered.length > 0) {
    throw new Error(`Expected each record type in RECORD_TYPE_REGISTRY to be served by one feature in CRM_FEATURES, but ${[...unwired.map((t) => `'${t}' is not (or twice)`), ...unregistered.map((t) => `'${t}' is not registered`)].join(', ')}`);
  }
}
