import type { ExpressionContext } from '../expression-context.js';

export const FIXED_NOW = new Date('2024-01-31T10:15:30.000Z');

/** An ExpressionContext over a fixed set of variables and a fixed clock, for tests. */
export function contextOf(variables: Record<string, unknown> = {}, now: Date = FIXED_NOW): ExpressionContext {
  return {
    resolve: (name) => (Object.hasOwn(variables, name) ? { found: true, value: variables[name] } : { found: false }),
    now: () => now,
  };
}
