import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A record event (`lead.created`, `complaint.resolved`, ...), written in the transaction that
 * changed the record and applied to the engine after commit: the transactional outbox that makes
 * "a new complaint always starts its SLA process" survive a crash between commit and start.
 */
@Entity({ schema: 'crm', name: 'record_events' })
export class RecordEvent {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'record_type', type: 'text' }) recordType!: string;
  @Column({ name: 'record_id', type: 'uuid' }) recordId!: string;
  /** what the process gets: start variables or message payload */
  @Column({ type: 'jsonb', default: () => `'{}'` }) variables!: Record<string, unknown>;
  @Column({ type: 'text' }) actor!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt!: Date;
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true }) claimedUntil!: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true }) processedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
}
