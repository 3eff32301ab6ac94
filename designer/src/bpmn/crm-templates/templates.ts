/**
 * Element templates for the CRM task handlers (Camunda 7 dialect): analysts pick "Assign lead owner"
 * from a list instead of typing `camunda:type="external"` and a topic.
 */
export interface TemplateProperty {
  label?: string;
  description?: string;
  type: 'String' | 'Text' | 'Hidden' | 'Dropdown' | 'Boolean';
  value?: string | boolean;
  editable?: boolean;
  choices?: { name: string; value: string }[];
  binding: { type: 'property' | 'camunda:inputParameter' | 'camunda:property'; name: string };
  constraints?: { notEmpty?: boolean };
}

export interface ElementTemplate {
  $schema: string;
  id: string;
  name: string;
  description: string;
  version: number;
  appliesTo: string[];
  category?: { id: string; name: string };
  properties: TemplateProperty[];
}

const SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';
const CATEGORY = { id: 'crm', name: 'CRM' };

/** the topics the CRM's own handlers fetch (crm-domain/handlers, `@TaskHandler`): test/unit/crm-topics.spec.ts keeps the two alike */
export const CRM_TOPICS = ['crm.lead.assign', 'crm.deal.updateStage', 'crm.activity.create', 'crm.complaint.escalate', 'crm.complaint.setSla', 'crm.complaint.slaState', 'crm.complaint.close', 'crm.notify'] as const;

const externalTopic = (topic: string): TemplateProperty[] => [
  { type: 'Hidden', value: 'external', binding: { type: 'property', name: 'camunda:type' } },
  { type: 'Hidden', value: topic, binding: { type: 'property', name: 'camunda:topic' } },
];

const choices = (...values: string[]) => values.map((value) => ({ name: value.replace(/-/g, ' '), value }));

const input = (name: string, label: string, extra: Partial<TemplateProperty> = {}): TemplateProperty => ({
  label, type: 'String', binding: { type: 'camunda:inputParameter', name }, ...extra,
});

function handlerTemplate(topic: string, name: string, description: string, inputs: TemplateProperty[]): ElementTemplate {
  return {
    $schema: SCHEMA, id: topic, name, description, version: 1, category: CATEGORY,
    appliesTo: ['bpmn:ServiceTask', 'bpmn:SendTask'],
    properties: [...externalTopic(topic), ...inputs],
  };
}

export const CRM_TEMPLATES: ElementTemplate[] = [
  handlerTemplate('crm.lead.assign', 'Assign lead owner', 'Assigns an owner to the lead by a rule', [
    input('rule', 'Assignment rule', { type: 'Dropdown', value: 'round-robin', choices: choices('round-robin', 'territory', 'least-loaded') }),
    input('team', 'Team', { value: 'sales' }),
  ]),
  handlerTemplate('crm.deal.updateStage', 'Update deal stage', 'Moves the deal to another pipeline stage', [
    input('stage', 'Stage', { type: 'Dropdown', value: 'proposal', choices: choices('qualification', 'proposal', 'negotiation', 'won', 'lost') }),
  ]),
  handlerTemplate('crm.activity.create', 'Create activity', 'Creates a call, e-mail, meeting or to-do on the record', [
    input('activityType', 'Activity type', { type: 'Dropdown', value: 'call', choices: choices('call', 'email', 'meeting', 'task') }),
    input('subject', 'Subject', { constraints: { notEmpty: true } }),
    input('dueInDays', 'Due in days', { value: '1' }),
  ]),
  handlerTemplate('crm.complaint.escalate', 'Escalate complaint', 'Escalates the complaint to the next level', [
    input('level', 'Escalate to', { type: 'Dropdown', value: 'head', choices: choices('team-lead', 'head', 'director') }),
    input('reason', 'Reason', { type: 'Text' }),
  ]),
  handlerTemplate('crm.notify', 'Notify', 'Sends an e-mail or in-app notification', [
    input('channel', 'Channel', { type: 'Dropdown', value: 'email', choices: choices('email', 'in-app') }),
    input('recipient', 'Recipient', { description: 'user id, group or ${expression}' }),
    input('message', 'Message', { type: 'Text' }),
  ]),
  {
    $schema: SCHEMA, id: 'crm.approval', name: 'Manager approval', version: 1, category: CATEGORY,
    description: 'A user task offered to a group, with an approve / reject form',
    appliesTo: ['bpmn:UserTask'],
    properties: [
      { label: 'Candidate group', type: 'String', value: 'manager', binding: { type: 'property', name: 'camunda:candidateGroups' }, constraints: { notEmpty: true } },
      { label: 'Due date', description: 'ISO date or expression, e.g. ${dueDate}', type: 'String', binding: { type: 'property', name: 'camunda:dueDate' } },
    ],
  },
];
