import { assignByAmount, leastLoaded, levelForAmount, type AssignmentCandidate } from './assignment-rules.js';

const at = (iso: string) => new Date(iso);
const candidate = (id: string, level: 'junior' | 'senior', load: number, lastAssignedAt: Date | null = null): AssignmentCandidate => ({ id, level, load, lastAssignedAt });

describe('assignment rules', () => {
  describe('levelForAmount', () => {
    it('sends amounts at or over the threshold to seniors and smaller ones to juniors', () => {
      expect(levelForAmount(250_000, 100_000)).toBe('senior');
      expect(levelForAmount(100_000, 100_000)).toBe('senior');
      expect(levelForAmount(99_999.99, 100_000)).toBe('junior');
      expect(levelForAmount(5_000, 100_000)).toBe('junior');
      expect(levelForAmount(0, 100_000)).toBe('junior');
    });
  });

  describe('assignByAmount', () => {
    const team = [candidate('s1', 'senior', 4), candidate('s2', 'senior', 2), candidate('j1', 'junior', 7), candidate('j2', 'junior', 9)];

    it('gives a large lead to the least loaded senior and a small one to the least loaded junior', () => {
      expect(assignByAmount(team, 250_000, 100_000)).toEqual({ chosen: team[1], level: 'senior', fallback: false });
      expect(assignByAmount(team, 5_000, 100_000)).toEqual({ chosen: team[2], level: 'junior', fallback: false });
    });

    it('falls back to the least loaded of everyone when nobody of the level is available', () => {
      const onlyJuniors = team.filter((c) => c.level === 'junior');
      expect(assignByAmount(onlyJuniors, 250_000, 100_000)).toEqual({ chosen: onlyJuniors[0], level: 'senior', fallback: true });
    });

    it('returns null when there is nobody at all', () => {
      expect(assignByAmount([], 1, 100)).toBeNull();
    });
  });

  describe('leastLoaded: ties go round-robin', () => {
    it('prefers someone never assigned, then the least recently assigned, then the smaller id', () => {
      const a = candidate('a', 'junior', 3, at('2031-01-01T10:00:00Z'));
      const b = candidate('b', 'junior', 3, at('2031-01-01T09:00:00Z'));
      const c = candidate('c', 'junior', 3, null);
      const d = candidate('d', 'junior', 3, null);
      expect(leastLoaded([a, b, c, d])).toBe(c);
      expect(leastLoaded([a, b, d])).toBe(d);
      expect(leastLoaded([a, b])).toBe(b);
    });

    it('cycles through equally loaded users as each assignment is recorded', () => {
      let clock = Date.parse('2031-01-01T00:00:00Z');
      let group = [candidate('x', 'junior', 0), candidate('y', 'junior', 0), candidate('z', 'junior', 0)];
      const order: string[] = [];
      for (let i = 0; i < 6; i++) {
        const chosen = leastLoaded(group)!;
        order.push(chosen.id);
        // the assignment is recorded but (for this check) the load stays equal
        group = group.map((c) => (c.id === chosen.id ? { ...c, lastAssignedAt: new Date((clock += 1000)) } : c));
      }
      expect(order).toEqual(['x', 'y', 'z', 'x', 'y', 'z']);
    });

    it('load wins over recency', () => {
      const busy = candidate('busy', 'senior', 5, null);
      const idle = candidate('idle', 'senior', 1, at('2031-01-01T12:00:00Z'));
      expect(leastLoaded([busy, idle])).toBe(idle);
    });
  });
});
