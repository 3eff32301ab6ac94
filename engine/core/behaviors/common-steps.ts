import type { CommonElementSteps } from '../execution/element-steps.js';
import { discardArrivals } from './gateways/join-arrivals.js';
import { holdForStartQuantity } from './shared/activity-quantities.js';
import { openBoundaryEvents } from './shared/catch-events.js';
import { retainCompensation } from './shared/compensation-retention.js';
import { takeActivityFlows } from './shared/flows.js';
import { applyInputMappings, applyOutputMappings } from './shared/io-mappings.js';
import { createJob } from './shared/jobs.js';
import { closeEventWaits, releaseInstanceLeftovers, releaseOwnedRecords } from './shared/owned-records.js';
import { completeScopeIfDone } from './shared/scope-completion.js';
import { notifySuperInstance } from './shared/super-instance.js';

/** The steps every element shares, as the runtime performs them around each behaviour. */
export const commonElementSteps: CommonElementSteps = {
  continueInJob: (ctx, type, element, node) => {
    createJob(ctx, { type, element, node, dueAt: ctx.now() });
  },
  applyInputMappings,
  openBoundaryEvents,
  applyOutputMappings,
  closeEventWaits,
  retainCompensation,
  releaseOwnedRecords,
  holdForStartQuantity,
  takeActivityFlows,
  completeScopeIfDone,
  discardArrivals,
  releaseInstanceLeftovers,
  notifySuperInstance,
};
