import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateOnly, timestamps } from '../shared/columns.js';

@Entity({ schema: 'crm', name: 'contacts' })
export class Contact {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'company_id', type: 'uuid' }) companyId!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  @Column({ type: 'text', nullable: true }) position!: string | null;
  @Column({ name: 'work_phone', type: 'text', nullable: true }) workPhone!: string | null;
  @Column({ name: 'mobile_phone', type: 'text', nullable: true }) mobilePhone!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateOnly }) birthday!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  /** set when the record was merged into another (crm-domain/duplicates): it is archived, its history read from the kept one */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true }) mergedInto?: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}
