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
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}
