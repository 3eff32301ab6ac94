import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestamps } from '../shared/columns.js';

export const COMPLAINT_TYPES = ['product_quality', 'delivery', 'billing', 'service', 'other'] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];
export const COMPLAINT_CHANNELS = ['phone', 'email', 'web_form', 'chat', 'in_person'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type ComplaintPriority = (typeof COMPLAINT_PRIORITIES)[number];
export const COMPLAINT_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

@Entity({ schema: 'crm', name: 'complaints' })
export class Complaint {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'company_id', type: 'uuid' }) companyId!: string;
  @Column({ name: 'contact_id', type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'text' }) type!: ComplaintType;
  @Column({ type: 'text' }) channel!: ComplaintChannel;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) priority!: ComplaintPriority;
  @Column({ type: 'text' }) status!: ComplaintStatus;
  @Column({ name: 'sla_due_at', type: 'timestamptz' }) slaDueAt!: Date;
  /** the reminder before the breach (complaint-sla's reminder timer) */
  @Column({ name: 'sla_remind_at', type: 'timestamptz', nullable: true }) slaRemindAt!: Date | null;
  /** since when the SLA clock stands still (status waiting_for_customer) */
  @Column({ name: 'sla_paused_at', type: 'timestamptz', nullable: true }) slaPausedAt!: Date | null;
  /** working time spent waiting for the customer so far, not counted against the SLA */
  @Column({ name: 'sla_paused_minutes', type: 'integer', default: 0 }) slaPausedMinutes!: number;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ name: 'escalation_level', type: 'integer', default: 0 }) escalationLevel!: number;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}
