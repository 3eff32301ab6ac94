import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestamps } from '../shared/columns.js';

export const TEAM_KINDS = ['sales', 'service'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

@Entity({ schema: 'crm', name: 'teams' })
export class Team {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: TeamKind;
  @Column({ name: 'head_id', type: 'uuid', nullable: true }) headId!: string | null;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}
