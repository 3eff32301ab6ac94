import { Column, Entity, PrimaryColumn } from 'typeorm';

/** outbox: kept here only; pending: waiting for the SMTP relay; sent; failed (retries exhausted) */
export const OUTBOX_STATUSES = ['outbox', 'pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

@Entity({ schema: 'crm', name: 'outbox' })
export class OutboxMessage {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', default: 'email' }) channel!: string;
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'record_type', type: 'text', nullable: true }) recordType!: string | null;
  @Column({ name: 'record_id', type: 'uuid', nullable: true }) recordId!: string | null;
  @Column({ type: 'text' }) status!: OutboxStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  /** a relay is sending it (or waits before the next attempt) until then */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
