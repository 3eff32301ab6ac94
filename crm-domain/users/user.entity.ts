import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestamps } from '../shared/columns.js';

export const USER_ROLES = ['manager', 'head', 'director', 'analyst', 'ops', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const MANAGER_LEVELS = ['junior', 'senior'] as const;
export type ManagerLevel = (typeof MANAGER_LEVELS)[number];

@Entity({ schema: 'crm', name: 'users' })
export class User {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) role!: UserRole;
  /** managers only: junior or senior (decides which deal sizes they get) */
  @Column({ type: 'text', nullable: true }) level!: ManagerLevel | null;
  @Column({ name: 'team_id', type: 'uuid', nullable: true }) teamId!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** round-robin among equally loaded users: the least recently assigned goes first */
  @Column({ name: 'last_assigned_at', type: 'timestamptz', nullable: true }) lastAssignedAt!: Date | null;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}
