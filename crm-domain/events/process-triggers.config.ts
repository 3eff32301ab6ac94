import type { ProcessTrigger } from './process-trigger.js';

/**
 * Record events → processes. Configuration, not code: add a line to start another process on an
 * event, or pass your own list to CrmModule.forRoot({ triggers }).
 */
export const DEFAULT_PROCESS_TRIGGERS: readonly ProcessTrigger[] = [
  { event: 'lead.created', action: 'start', processKey: 'lead-routing' },
  { event: 'lead.converted', action: 'message', messageName: 'LeadConverted' },
  { event: 'lead.disqualified', action: 'message', messageName: 'LeadDisqualified' },
  { event: 'deal.approvalRequested', action: 'start', processKey: 'deal-approval' },
  { event: 'complaint.registered', action: 'start', processKey: 'complaint-sla' },
  { event: 'complaint.resolved', action: 'message', messageName: 'ComplaintResolved' },
  { event: 'complaint.customerReplied', action: 'message', messageName: 'CustomerReplied' },
  { event: 'complaint.slaPaused', action: 'message', messageName: 'SlaPaused' },
  { event: 'complaint.slaResumed', action: 'message', messageName: 'SlaResumed' },
];
