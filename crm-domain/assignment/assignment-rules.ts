import type { ManagerLevel } from '../users/user.entity.js';

/** an active user who could take a record, with how much open work they carry */
export interface AssignmentCandidate {
  readonly id: string;
  readonly level: ManagerLevel | null;
  /** the name of their team */
  readonly team?: string | null;
  /** open records they own (leads and deals for sales, complaints for service) */
  readonly load: number;
  /** round-robin among equals: the least recently assigned first, never-assigned before all */
  readonly lastAssignedAt: Date | null;
}

export interface AssignmentDecision {
  readonly chosen: AssignmentCandidate;
  /** the level the rule asked for */
  readonly level: ManagerLevel;
  /** true when nobody of that level was available and the whole group was used */
  readonly fallback: boolean;
}

/** "small sums to junior managers, large sums to experienced ones": at or over the threshold is senior */
export function levelForAmount(amount: number, seniorThreshold: number): ManagerLevel {
  return amount >= seniorThreshold ? 'senior' : 'junior';
}

/** the least loaded candidate; ties go round-robin (least recently assigned, then by id) */
export function leastLoaded(candidates: readonly AssignmentCandidate[]): AssignmentCandidate | null {
  let best: AssignmentCandidate | null = null;
  for (const candidate of candidates) if (!best || comesBefore(candidate, best)) best = candidate;
  return best;
}

/** picks by deal size inside the level's group; with nobody at that level, from everyone */
export function assignByAmount(candidates: readonly AssignmentCandidate[], amount: number, seniorThreshold: number): AssignmentDecision | null {
  return assignByLevel(candidates, levelForAmount(amount, seniorThreshold), null);
}

/**
 * picks inside the level's group (a routing decision's level): in the named team when one is given
 * and it has someone at that level, else as without a team (that level anywhere; nobody: everyone)
 */
export function assignByLevel(candidates: readonly AssignmentCandidate[], level: ManagerLevel, team: string | null): AssignmentDecision | null {
  if (team) {
    const ofTeam = candidates.filter((c) => c.team === team);
    const inTeam = leastLoaded(ofTeam.filter((c) => c.level === level));
    if (inTeam) return { chosen: inTeam, level, fallback: false };
  }
  const inLevel = leastLoaded(candidates.filter((c) => c.level === level));
  if (inLevel) return { chosen: inLevel, level, fallback: false };
  const anyone = leastLoaded(candidates);
  return anyone ? { chosen: anyone, level, fallback: true } : null;
}

function comesBefore(a: AssignmentCandidate, b: AssignmentCandidate): boolean {
  if (a.load !== b.load) return a.load < b.load;
  const at = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bt = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (at !== bt) return at < bt;
  return a.id < b.id;
}
