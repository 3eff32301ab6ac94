import { MAIL_TEMPLATES, renderTemplate } from './mail-templates.js';

describe('mail templates', () => {
  it('fills placeholders from the context and leaves missing ones empty, running no code', () => {
    expect(renderTemplate('Hi {{ name }}, {{missing}}due {{due}}', { name: 'Ann', due: new Date('2031-01-01T00:00:00Z') })).toBe('Hi Ann, due 2031-01-01T00:00:00.000Z');
    expect(renderTemplate('{{constructor}} {{__proto__}} ${1+1}', {})).toBe('  ${1+1}');
  });

  it('has a subject and body for every template the reference processes use', () => {
    for (const name of ['complaint.reminder', 'complaint.escalated', 'complaint.resolved', 'complaint.customerReplied', 'deal.approved', 'lead.assigned']) {
      expect(MAIL_TEMPLATES[name]).toEqual({ subject: expect.any(String), body: expect.any(String) });
    }
  });
});
