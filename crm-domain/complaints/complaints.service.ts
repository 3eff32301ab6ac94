import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkOwnerChange, ownerOfNew } from '../access/owner-rules.js';
import { whereVisible } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { AssignmentService } from '../assignment/assignment.service.js';
import { leastLoaded } from '../assignment/assignment-rules.js';
import { Company } from '../companies/company.entity.js';
import { Contact } from '../companies/contact.entity.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { applyFilters } from '../shared/list-filters.js';
import { readPage, type ListedQuery, type PageResult } from '../shared/list-query.js';
import { RecordStore } from '../shared/record-store.js';
import { definedOnly } from '../shared/defined-only.js';
import { users } from '../users/users.service.js';
import { Complaint } from './complaint.entity.js';
import { complaintList, type ComplaintListQuery, type CreateComplaint, type UpdateComplaint } from './complaint-schemas.js';
import { pausedSla, provisionalSla, resumedSla } from '../calendars/sla-clock.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

export const complaints = new RecordStore(Complaint, 'complaint', 'Complaint');
const companyRefs = new RecordStore(Company, 'company', 'Company');
const contactRefs = new RecordStore(Contact, 'contact', 'Contact');

const SORT = {
  sortable: { createdAt: 'createdAt', slaDueAt: 'slaDueAt', priority: 'priority', status: 'status', escalationLevel: 'escalationLevel' },
  defaultSort: '-createdAt',
};

interface SlaClockChange {
  readonly fields: Partial<Complaint>;
  readonly event: 'complaint.slaPaused' | 'complaint.slaResumed' | null;
  readonly variables: Record<string, unknown>;
}

/** Complaints with an SLA by priority; registering one starts complaint-sla. */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly db: CrmDatabase,
    private readonly assignment: AssignmentService,
    private readonly activities: ActivitiesService,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {}

  list(query: ComplaintListQuery, viewer: RecordViewer): Promise<PageResult<Complaint>> {
    const { qb, spec, options } = this.listed(query, viewer);
    return readPage(qb, query, spec, options);
  }

  /** the list's rows before paging (an export reads them page by page after the last row read) */
  listed(query: ComplaintListQuery, viewer: RecordViewer): ListedQuery<Complaint> {
    const qb = whereVisible(this.db.dataSource.getRepository(Complaint).createQueryBuilder('k'), 'complaint', viewer);
    return { qb, spec: SORT, options: applyFilters(qb, complaintList, query) };
  }

  get(id: string, viewer: RecordViewer): Promise<Complaint> {
    return complaints.visible(this.db.dataSource.manager, id, viewer);
  }

  /**
   * About a company (and contact) the caller sees. An assignee named must be one the caller may
   * give work to (see owner-rules); none named: the least loaded service manager, as for the system.
   */
  register(actor: string, input: CreateComplaint, viewer: RecordViewer): Promise<Complaint> {
    return this.db.transaction(actor, async (tx) => {
      await companyRefs.referenced(tx.manager, input.companyId, 'companyId', viewer);
      if (input.contactId) await contactRefs.referenced(tx.manager, input.contactId, 'contactId', viewer);
      const assigneeId = input.assigneeId ? await ownerOfNew(tx.manager, viewer, input.assigneeId, 'assigneeId', 'complaint') : input.assigneeId;
      return this.insert(tx, { ...input, assigneeId });
    });
  }

  /**
   * inserts with an assignee and a provisional SLA due time (from the options), and emits
   * `complaint.registered`; complaint-sla asks its SLA table (complaint-sla.dmn: priority, type,
   * customer segment = the company's type) and sets the due time it decides (crm.complaint.setSla)
   */
  async insert(tx: CrmTx, input: CreateComplaint): Promise<Complaint> {
    const company = await companyRefs.referenced(tx.manager, input.companyId, 'companyId');
    if (input.contactId) await this.checkContact(tx, input.contactId, input.companyId);
    const assigneeId = input.assigneeId ?? (await this.pickAgent(tx));
    if (input.assigneeId) await users.referenced(tx.manager, input.assigneeId, 'assigneeId');
    const now = new Date();
    const terms = await provisionalSla(tx.manager, assigneeId, input.priority, this.options, now);
    const complaint = await complaints.insert(tx, {
      id: randomUUID(),
      companyId: input.companyId,
      contactId: input.contactId ?? null,
      type: input.type,
      channel: input.channel,
      description: input.description,
      priority: input.priority,
      status: 'new',
      slaDueAt: terms.slaDueAt,
      slaRemindAt: terms.slaRemindAt,
      slaPausedAt: null,
      slaPausedMinutes: 0,
      assigneeId,
      escalationLevel: 0,
      resolution: null,
      resolvedAt: null,
      closedAt: null,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.emit('complaint.registered', 'complaint', complaint.id, {
      complaintId: complaint.id,
      type: complaint.type,
      priority: complaint.priority,
      customerSegment: company.type,
      assigneeId,
      companyId: complaint.companyId,
    });
    return complaint;
  }

  update(actor: string, id: string, patch: UpdateComplaint, viewer: RecordViewer): Promise<Complaint> {
    return this.db.transaction(actor, async (tx) => {
      const before = await complaints.visible(tx.manager, id, viewer);
      this.assertOpen(before);
      await checkOwnerChange(tx.manager, viewer, before.assigneeId, patch.assigneeId, 'assigneeId', 'complaint');
      if (patch.contactId) await contactRefs.referenced(tx.manager, patch.contactId, 'contactId', viewer);
      if (patch.contactId) await this.checkContact(tx, patch.contactId, before.companyId);
      if (patch.assigneeId) await users.referenced(tx.manager, patch.assigneeId, 'assigneeId');
      const patched = definedOnly(patch) as Partial<Complaint>;
      const clock = await this.slaClockChange(tx, before, { ...before, ...patched });
      const after = await complaints.update(tx, before, { ...patched, ...clock.fields });
      if (clock.event) await tx.emit(clock.event, 'complaint', id, clock.variables);
      return after;
    });
  }

  /** records the resolution and tells the SLA process (`complaint.resolved`) */
  resolve(actor: string, id: string, resolution: string, viewer: RecordViewer): Promise<Complaint> {
    return this.db.transaction(actor, async (tx) => {
      const before = await complaints.visible(tx.manager, id, viewer);
      this.assertOpen(before);
      const now = new Date();
      const { fields } = await resumedSla(tx.manager, before, now, this.options);
      const complaint = await complaints.update(tx, before, { ...fields, status: 'resolved', resolution, resolvedAt: now }, 'resolved');
      await tx.emit('complaint.resolved', 'complaint', id, { resolution });
      return complaint;
    });
  }

  /**
   * the customer answered: logged as an email activity, and the SLA process hears `CustomerReplied`;
   * a complaint waiting for the customer goes back in progress, its SLA clock running again. That
   * resumption is told first, as `SlaResumed` (as the status change tells it), so that a process which
   * missed the pause, its task still open with timers at the old due times, restarts the task on the
   * moved ones; the non-interrupting `CustomerReplied` on that task could not move them.
   */
  customerReplied(actor: string, id: string, message: string, viewer: RecordViewer): Promise<Complaint> {
    return this.db.transaction(actor, async (tx) => {
      let complaint = await complaints.visible(tx.manager, id, viewer);
      await this.activities.insert(tx, { kind: 'email', subject: 'Customer replied', result: message, done: true, recordType: 'complaint', recordId: id, ownerId: complaint.assigneeId });
      const resumed = await resumedSla(tx.manager, complaint, new Date(), this.options);
      if (complaint.status === 'waiting_for_customer') {
        complaint = await complaints.update(tx, complaint, { ...resumed.fields, status: 'in_progress' }, 'customer replied');
        await tx.emit('complaint.slaResumed', 'complaint', id, resumed.variables);
      }
      await tx.emit('complaint.customerReplied', 'complaint', id, { ...resumed.variables, customerReply: message });
      return complaint;
    });
  }

  /**
   * waiting for the customer stops the SLA clock (`complaint.slaPaused`); leaving that status starts
   * it again (`complaint.slaResumed`): the fields to write with the patch, and the event to emit
   */
  private async slaClockChange(tx: CrmTx, before: Complaint, next: Complaint): Promise<SlaClockChange> {
    const waiting = (c: Complaint) => c.status === 'waiting_for_customer';
    if (!waiting(before) && waiting(next)) return { fields: pausedSla(next, new Date()), event: 'complaint.slaPaused', variables: {} };
    if (waiting(before) && !waiting(next)) {
      const resumed = await resumedSla(tx.manager, next, new Date(), this.options);
      return { fields: resumed.fields, event: 'complaint.slaResumed', variables: resumed.variables };
    }
    return { fields: {}, event: null, variables: {} };
  }

  /** complaints are never deleted; closed ones can be archived */
  archive(actor: string, id: string, viewer: RecordViewer): Promise<Complaint> {
    return this.db.transaction(actor, async (tx) => {
      const before = await complaints.visible(tx.manager, id, viewer);
      if (before.status !== 'closed') throw new CrmInvalidRequestError(`Complaint '${id}' is ${before.status}: only closed complaints can be archived`, 'CRM_INVALID_STATE');
      return before.archivedAt ? before : complaints.update(tx, before, { archivedAt: new Date() }, 'archived');
    });
  }

  private assertOpen(complaint: Complaint): void {
    if (complaint.status === 'resolved' || complaint.status === 'closed') throw new CrmInvalidRequestError(`Complaint '${complaint.id}' is already ${complaint.status}`, 'CRM_INVALID_STATE');
  }

  private async checkContact(tx: CrmTx, contactId: string, companyId: string): Promise<void> {
    const contact = await contactRefs.referenced(tx.manager, contactId, 'contactId');
    if (contact.companyId !== companyId) throw new CrmInvalidRequestError(`Invalid request body: 'contactId' is a contact of another company`);
  }

  private async pickAgent(tx: CrmTx): Promise<string | null> {
    const chosen = leastLoaded(await this.assignment.serviceAgents(tx));
    if (chosen) await this.assignment.markAssigned(tx, chosen.id);
    return chosen?.id ?? null;
  }
}
