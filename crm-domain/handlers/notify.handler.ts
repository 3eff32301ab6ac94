import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { MAIL_TEMPLATES, renderTemplate } from '../notifications/mail-templates.js';
import { OutboxMessage } from '../notifications/outbox-message.entity.js';
import { OutboxRelay } from '../notifications/outbox-relay.js';
import { resolveRecipient } from '../notifications/recipients.js';
import { recordContext } from '../notifications/record-context.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { isUuid, RECORD_TYPES, type RecordType } from '../shared/record-types.js';
import { idInput, optionalRecordIdOf, TaskHandler, textInput, type CrmTaskHandler } from './task-handler.decorator.js';
import { CrmTaskError } from '../shared/crm-errors.js';

/**
 * `crm.notify`: writes a message to the outbox (sent by SMTP when configured). Inputs: `template`
 * (see mail-templates.ts) or `subject` + `body` with `{{placeholders}}`; `to`: customer, assignee,
 * owner, requester, a user id or an address (default assignee). Users must be active; an address
 * must belong to an active user or the record's customer, or be on `notifyAllowedRecipients`, else
 * the job fails. Placeholders come from the record (business key, `recordType`) and the process
 * variables. Output: `notificationId`.
 */
@Injectable()
@TaskHandler('crm.notify')
export class NotifyHandler implements CrmTaskHandler {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(CRM_OPTIONS) private readonly options: Pick<CrmOptions, 'notifyAllowedRecipients'>,
  ) {}

  async handle(input: ServiceTaskInput, tx: CrmTx): Promise<ServiceTaskResult> {
    const text = this.text(input);
    const record = this.record(input);
    const context = { ...(await recordContext(tx.manager, record.type, record.id)), ...plainVariables(input.variables) };
    const recipient = await resolveRecipient(tx.manager, textInput(input, 'to') ?? 'assignee', record, input.variables, this.options.notifyAllowedRecipients);
    const id = randomUUID();
    await tx.manager.insert(OutboxMessage, {
      id,
      channel: 'email',
      recipient: recipient.address ?? '(none)',
      subject: renderTemplate(text.subject, context),
      body: renderTemplate(text.body, context),
      recordType: record.type,
      recordId: record.id,
      status: !recipient.address ? 'failed' : this.relay.delivering ? 'pending' : 'outbox',
      lastError: recipient.address ? null : `No recipient: ${recipient.missing}`,
    });
    if (record.type && record.id) await tx.logChange(record.type, record.id, 'notified', { notification: [null, `${recipient.address ?? '(no address)'}: ${renderTemplate(text.subject, context)}`] });
    return { outcome: 'complete', variables: { notificationId: id } };
  }

  /**
   * The record the message is about. With a `recordType`, its id (`recordId` or the business key) must
   * be a record id; without one, a business key that is not a record id only means there is no record.
   */
  private record(input: ServiceTaskInput): { type: RecordType | null; id: string | null } {
    const type = textInput(input, 'recordType') as RecordType | undefined;
    if (type && RECORD_TYPES.includes(type)) return { type, id: optionalRecordIdOf(input, 'recordId') };
    const key = input.businessKey && isUuid(input.businessKey) ? input.businessKey : null;
    return { type: null, id: idInput(input, 'recordId') ?? key };
  }

  afterCommit(): void {
    this.relay.nudge();
  }

  private text(input: ServiceTaskInput): { subject: string; body: string } {
    const name = textInput(input, 'template');
    if (name) {
      const template = Object.hasOwn(MAIL_TEMPLATES, name) ? MAIL_TEMPLATES[name] : undefined;
      if (!template) throw new CrmTaskError(`Expected 'template' to be one of ${Object.keys(MAIL_TEMPLATES).join(', ')}, but got '${name}'`, 'CRM_TASK_INPUT_INVALID');
      return template;
    }
    const subject = textInput(input, 'subject');
    const body = textInput(input, 'body');
    if (!subject || !body) throw new CrmTaskError(`Expected a 'template' or a 'subject' and 'body' on task '${input.activityId}' (crm.notify)`, 'CRM_TASK_INPUT_INVALID');
    return { subject, body };
  }
}

function plainVariables(variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date));
}
