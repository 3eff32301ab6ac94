import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimal, timestamps } from '../shared/columns.js';

export const LEAD_SOURCES = ['web_form', 'seminar', 'call', 'import'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LEAD_STATUSES = ['new', 'qualifying', 'converted', 'disqualified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

@Entity({ schema: 'crm', name: 'leads' })
export class Lead {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) source!: LeadSource;
  @Column({ name: 'person_name', type: 'text' }) personName!: string;
  @Column({ name: 'company_name', type: 'text', nullable: true }) companyName!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ name: 'estimated_amount', type: 'numeric', nullable: true, transformer: decimal }) estimatedAmount!: number | null;
  @Column({ type: 'text', default: 'EUR' }) currency!: string;
  /** free text ("EMEA", "North"): lead-routing.dmn reads it as `region` */
  @Column({ type: 'text', nullable: true }) region!: string | null;
  @Column({ type: 'text' }) status!: LeadStatus;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ name: 'disqualify_reason', type: 'text', nullable: true }) disqualifyReason!: string | null;
  @Column({ name: 'converted_company_id', type: 'uuid', nullable: true }) convertedCompanyId!: string | null;
  @Column({ name: 'converted_contact_id', type: 'uuid', nullable: true }) convertedContactId!: string | null;
  @Column({ name: 'converted_deal_id', type: 'uuid', nullable: true }) convertedDealId!: string | null;
  @Column({ name: 'converted_at', type: 'timestamptz', nullable: true }) convertedAt!: Date | null;
  /** set when the record was merged into another (crm-domain/duplicates): it is archived, its history read from the kept one */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true }) mergedInto?: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}
