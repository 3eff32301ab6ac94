import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RecordType } from '../shared/record-types.js';
import { timestamps } from '../shared/columns.js';

export const ACTIVITY_KINDS = ['call', 'meeting', 'email', 'task'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

@Entity({ schema: 'crm', name: 'activities' })
export class Activity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) kind!: ActivityKind;
  @Column({ type: 'text' }) subject!: string;
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt!: Date | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ type: 'boolean', default: false }) done!: boolean;
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt!: Date | null;
  @Column({ type: 'text', nullable: true }) result!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'record_type', type: 'text', nullable: true }) recordType!: RecordType | null;
  @Column({ name: 'record_id', type: 'uuid', nullable: true }) recordId!: string | null;
  /** minutes before the due time its owner is reminded (0: never); see activity-reminders.ts */
  @Column({ name: 'remind_before_minutes', type: 'integer', nullable: true }) remindBefore!: number | null;
  /** due time minus remindBefore, kept in step by the service; null without a due time or a reminder */
  @Column({ name: 'remind_at', type: 'timestamptz', nullable: true }) remindAt!: Date | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}

/** not done and past its due time */
export function isOverdue(activity: Pick<Activity, 'done' | 'dueAt'>, now = new Date()): boolean {
  return !activity.done && activity.dueAt !== null && new Date(activity.dueAt).getTime() < now.getTime();
}

/** an activity as the API answers it: with `overdue` */
export function withOverdue<A extends Pick<Activity, 'done' | 'dueAt'>>(activity: A): A & { overdue: boolean } {
  return { ...activity, overdue: isOverdue(activity) };
}
