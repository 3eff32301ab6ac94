import { Column, Entity, PrimaryColumn } from 'typeorm';

/** a service-task handler's committed result per job id: a repeated run returns it unchanged */
@Entity({ schema: 'crm', name: 'handler_runs' })
export class HandlerRun {
  @PrimaryColumn({ name: 'job_id', type: 'text' }) jobId!: string;
  @Column({ type: 'text' }) topic!: string;
  @Column({ type: 'jsonb', nullable: true }) result!: unknown;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt!: Date;
}
