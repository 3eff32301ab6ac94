import { Injectable } from '@nestjs/common';

export interface GroupSource {
  groupsOf(userId: string): Promise<string[]>;
}

/**
 * Which groups a user belongs to, for candidate-group task queries. The CRM (teams and roles)
 * plugs in its source at start; the engine's own identity tables are another.
 */
@Injectable()
export class IdentityDirectory {
  private readonly sources: GroupSource[] = [];

  addSource(source: GroupSource): void {
    this.sources.push(source);
  }

  async groupsOf(userId: string): Promise<string[]> {
    const all = await Promise.all(this.sources.map((s) => s.groupsOf(userId)));
    return [...new Set(all.flat())];
  }
}
