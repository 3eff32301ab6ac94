import { Injectable } from '@nestjs/common';

export interface GroupSource {
  groupsOf(userId: string): Promise<string[]>;
}

/** The people a supervisor answers for (their team's members) and every group those people are in. */
export interface SupervisedTeam {
  readonly members: readonly string[];
  readonly groups: readonly string[];
}

export interface TeamSource {
  /** the team the user supervises, or null when they supervise nobody this way */
  teamSupervisedBy(userId: string): Promise<SupervisedTeam | null>;
}

/**
 * Which groups a user belongs to, for candidate-group task queries, and whose tasks a supervisor
 * sees besides their own. The CRM (teams and roles) plugs in its sources at start; the engine's
 * own identity tables are another.
 */
@Injectable()
export class IdentityDirectory {
  private readonly sources: GroupSource[] = [];
  private readonly teams: TeamSource[] = [];

  addSource(source: GroupSource): void {
    this.sources.push(source);
  }

  addTeamSource(source: TeamSource): void {
    this.teams.push(source);
  }

  async groupsOf(userId: string): Promise<string[]> {
    const all = await Promise.all(this.sources.map((s) => s.groupsOf(userId)));
    return [...new Set(all.flat())];
  }

  async teamSupervisedBy(userId: string): Promise<SupervisedTeam | null> {
    const found = (await Promise.all(this.teams.map((s) => s.teamSupervisedBy(userId)))).filter((t): t is SupervisedTeam => t !== null);
    if (found.length === 0) return null;
    return { members: [...new Set(found.flatMap((t) => t.members))], groups: [...new Set(found.flatMap((t) => t.groups))] };
  }
}
