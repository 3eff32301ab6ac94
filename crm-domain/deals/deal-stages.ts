import type { DealStage } from './deal.entity.js';

/** the default win probability of each stage (a deal may override it) */
export const STAGE_PROBABILITY: Readonly<Record<DealStage, number>> = {
  new: 10,
  qualification: 20,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};

export const CLOSED_STAGES: readonly DealStage[] = ['won', 'lost'];

export function isClosed(stage: DealStage): boolean {
  return CLOSED_STAGES.includes(stage);
}
