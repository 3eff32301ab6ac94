import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateOnly, timestamps } from '../shared/columns.js';

export const COMPANY_TYPES = ['client', 'partner', 'investor', 'supplier'] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];

@Entity({ schema: 'crm', name: 'companies' })
export class Company {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) type!: CompanyType;
  @Column({ type: 'text', nullable: true }) industry!: string | null;
  @Column({ type: 'integer', nullable: true }) employees!: number | null;
  @Column({ type: 'date', nullable: true, transformer: dateOnly }) founded!: string | null;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) phones!: string[];
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  /** letters and digits only, upper case (see duplicates/normalise.ts) */
  @Column({ name: 'tax_id', type: 'text', nullable: true }) taxId!: string | null;
  @Column({ type: 'text', nullable: true }) city!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  /** set when the record was merged into another (crm-domain/duplicates): it is archived, its history read from the kept one */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true }) mergedInto?: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}
