import { DEFAULT_PROCESS_TRIGGERS } from './process-triggers.config.js';
import { parseProcessTriggers } from './process-trigger.js';

describe('process trigger configuration', () => {
  it('maps the record events to the reference processes and messages', () => {
    const triggers = parseProcessTriggers(DEFAULT_PROCESS_TRIGGERS);
    const starts = Object.fromEntries(triggers.filter((t) => t.action === 'start').map((t) => [t.event, t.processKey]));
    expect(starts).toEqual({ 'lead.created': 'lead-routing', 'deal.approvalRequested': 'deal-approval', 'complaint.registered': 'complaint-sla' });
    const messages = Object.fromEntries(triggers.filter((t) => t.action === 'message').map((t) => [t.event, t.messageName]));
    expect(messages).toMatchObject({ 'complaint.resolved': 'ComplaintResolved', 'complaint.customerReplied': 'CustomerReplied', 'lead.converted': 'LeadConverted' });
  });

  it('refuses a malformed entry, naming it', () => {
    expect(() => parseProcessTriggers([{ event: 'lead.created', action: 'start' }])).toThrow(/at 0\.processKey/);
    expect(() => parseProcessTriggers([{ event: 'nodot', action: 'message', messageName: 'X' }])).toThrow(/at 0\.event: expected <record>\.<event>/);
  });
});
