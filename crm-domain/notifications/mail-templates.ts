/** Notification texts by template name; `{{name}}` is replaced by the context value (no code runs). */
export const MAIL_TEMPLATES: Readonly<Record<string, { subject: string; body: string }>> = {
  'complaint.reminder': {
    subject: 'Reminder: complaint from {{companyName}} is due {{slaDueAt}}',
    body: 'The {{priority}} complaint ({{type}}) from {{companyName}} must be resolved by {{slaDueAt}}.\n\n{{description}}',
  },
  'complaint.customerReplied': {
    subject: 'The customer replied to complaint from {{companyName}}',
    body: '{{customerReply}}',
  },
  'complaint.escalated': {
    subject: 'Escalated: complaint from {{companyName}} breached its SLA',
    body: 'The {{priority}} complaint ({{type}}) from {{companyName}} was due {{slaDueAt}} and is now yours.\n\n{{description}}',
  },
  'complaint.resolved': {
    subject: 'Your complaint has been resolved',
    body: 'Dear customer,\n\nyour complaint has been resolved: {{resolution}}\n\nKind regards',
  },
  'deal.approved': {
    subject: 'Approved: {{title}}',
    body: 'The deal {{title}} ({{amount}} {{currency}}, discount {{discountPercent}}%) is approved.',
  },
  'deal.withdrawn': {
    subject: 'Withdrawn: {{title}}',
    body: 'The approval request for {{title}} was withdrawn.',
  },
  'lead.assigned': {
    subject: 'New lead: {{personName}}',
    body: 'The lead {{personName}} ({{companyName}}, about {{amount}} {{currency}}) is yours to qualify.',
  },
};

export function renderTemplate(text: string, context: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (_, name: string) => {
    const value = Object.hasOwn(context, name) ? context[name] : undefined;
    if (value === null || value === undefined) return '';
    return value instanceof Date ? value.toISOString() : String(value);
  });
}
