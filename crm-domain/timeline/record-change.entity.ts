import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** one line of a record's history: who changed what, when */
@Entity({ schema: 'crm', name: 'record_changes' })
export class RecordChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: number;
  @Column({ name: 'record_type', type: 'text' }) recordType!: string;
  @Column({ name: 'record_id', type: 'uuid' }) recordId!: string;
  /** created, updated, archived, deleted, converted, ... */
  @Column({ type: 'text' }) action!: string;
  /** field → [before, after] */
  @Column({ type: 'jsonb', default: () => `'{}'` }) changes!: Record<string, [unknown, unknown]>;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) at!: Date;
}
