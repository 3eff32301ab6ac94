import type { CompiledOutput, CompiledTable } from './compiled-dmn.js';
import { DecisionEvaluationError } from './dmn-errors.js';
import { describeValue, sameValue } from './dmn-types.js';

/** a rule that matched, with its output values (already typed and checked) */
export interface MatchedRule {
  readonly ruleId: string;
  readonly values: readonly unknown[];
}

export interface HitPolicyResult {
  readonly matched: readonly MatchedRule[];
  /** COLLECT with an aggregation: the single result entry, and the value */
  readonly aggregated: { readonly name: string; readonly value: unknown } | null;
}

/**
 * Applies the table's hit policy to the rules that matched (in rule order): which of them make the
 * result, in what order, and (COLLECT with an aggregation) the aggregated value.
 */
export function applyHitPolicy(decisionId: string, table: CompiledTable, matches: readonly MatchedRule[]): HitPolicyResult {
  const plain = (matched: readonly MatchedRule[]): HitPolicyResult => ({ matched, aggregated: null });
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matches.length > 1) {
        throw new DecisionEvaluationError(decisionId, `Expected at most one rule to match (hit policy UNIQUE), but ${matches.length} did: ${ruleList(matches)}`);
      }
      return plain(matches);
    case 'FIRST':
      return plain(matches.slice(0, 1));
    case 'ANY': {
      const [first, ...others] = matches;
      const differing = others.find((m) => !m.values.every((value, i) => sameValue(value, first!.values[i])));
      if (first && differing) {
        throw new DecisionEvaluationError(
          decisionId,
          `Expected the matching rules to have the same outputs (hit policy ANY), but rules '${first.ruleId}' and '${differing.ruleId}' differ`,
        );
      }
      return plain(matches.slice(0, 1));
    }
    case 'PRIORITY':
      return plain(byPriority(decisionId, table.outputs, matches).slice(0, 1));
    case 'OUTPUT ORDER':
      return plain(byPriority(decisionId, table.outputs, matches));
    case 'RULE ORDER':
      return plain(matches);
    case 'COLLECT':
      if (table.aggregation === null) return plain(matches);
      return { matched: matches, aggregated: aggregate(decisionId, table, matches) };
  }
}

function ruleList(matches: readonly MatchedRule[]): string {
  return matches.map((m) => `'${m.ruleId}'`).join(', ');
}

/**
 * Orders matches by their outputs' positions in the output values lists, the first output with
 * such a list first (DMN 1.3, 8.2.11); equal ranks keep rule order.
 */
function byPriority(decisionId: string, outputs: readonly CompiledOutput[], matches: readonly MatchedRule[]): MatchedRule[] {
  const ranked = outputs.map((output, index) => ({ output, index })).filter(({ output }) => output.allowedValues !== null);
  const rankOf = (match: MatchedRule): number[] =>
    ranked.map(({ output, index }) => {
      const position = output.allowedValues!.findIndex((allowed) => sameValue(allowed, match.values[index]));
      // null (an empty output entry) ranks last; anything else outside the list was refused already
      return position < 0 ? output.allowedValues!.length : position;
    });
  const keyed = matches.map((match, order) => ({ match, order, rank: rankOf(match) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return a.order - b.order;
  });
  if (ranked.length === 0) throw new DecisionEvaluationError(decisionId, 'Expected output values to rank the matches by, but no output has any');
  return keyed.map((k) => k.match);
}

/** COLLECT's SUM, MIN, MAX over the non-null values of the single output; COUNT counts the matches */
function aggregate(decisionId: string, table: CompiledTable, matches: readonly MatchedRule[]): { name: string; value: unknown } | null {
  const output = table.outputs[0]!;
  if (table.aggregation === 'COUNT') return { name: output.name, value: matches.length };
  const values = matches.map((m) => m.values[0]).filter((v) => v !== null && v !== undefined);
  const notNumber = values.find((v) => typeof v !== 'number');
  if (notNumber !== undefined) {
    throw new DecisionEvaluationError(decisionId, `Expected numbers to aggregate with ${table.aggregation}, but found ${describeValue(notNumber)}`, {
      columnId: output.id,
      columnKind: 'output',
    });
  }
  const numbers = values as number[];
  if (numbers.length === 0) return null;
  switch (table.aggregation) {
    case 'SUM':
      return { name: output.name, value: numbers.reduce((sum, n) => sum + n, 0) };
    case 'MIN':
      return { name: output.name, value: Math.min(...numbers) };
    default:
      return { name: output.name, value: Math.max(...numbers) };
  }
}
