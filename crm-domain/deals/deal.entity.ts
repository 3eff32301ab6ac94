import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateOnly, decimal, timestamps } from '../shared/columns.js';

export const DEAL_STAGES = ['new', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const APPROVAL_STATUSES = ['none', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

@Entity({ schema: 'crm', name: 'deals' })
export class Deal {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'company_id', type: 'uuid' }) companyId!: string;
  @Column({ name: 'contact_id', type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'numeric', transformer: decimal }) amount!: number;
  @Column({ type: 'text' }) currency!: string;
  @Column({ type: 'text' }) stage!: DealStage;
  @Column({ type: 'integer' }) probability!: number;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'expected_close_date', type: 'date', nullable: true, transformer: dateOnly }) expectedCloseDate!: string | null;
  @Column({ name: 'lost_reason', type: 'text', nullable: true }) lostReason!: string | null;
  /** free text ("software", "services", "hardware"): deal-approval.dmn reads it as `productCategory` */
  @Column({ name: 'product_category', type: 'text', nullable: true }) productCategory!: string | null;
  @Column({ name: 'discount_percent', type: 'numeric', default: 0, transformer: decimal }) discountPercent!: number;
  /** asked for in an approval request; becomes `discountPercent` only when the approval approves it */
  @Column({ name: 'requested_discount_percent', type: 'numeric', nullable: true, transformer: decimal }) requestedDiscountPercent!: number | null;
  @Column({ name: 'approval_status', type: 'text', default: 'none' }) approvalStatus!: ApprovalStatus;
  @Column({ name: 'lead_id', type: 'uuid', nullable: true }) leadId!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}
