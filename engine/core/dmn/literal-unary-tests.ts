import { evaluate, parseUnaryTests } from 'feelin';

type SyntaxNode = ReturnType<typeof parseUnaryTests>['topNode'];
type Primitive = null | number | string | boolean;

/** does the test pass for the value? undefined: only feelin can say (a value of another type than the test's) */
type LiteralTest = (value: Primitive) => boolean | undefined;

/**
 * Most input entries are literals: `"a","b"`, `< 10`, `[1..10)`, `not("x")`, `true`. Evaluating
 * them through feelin parses the text again for every cell (about 60 µs each), which makes a table
 * of a thousand rules slow. This compiles such an entry once into a plain predicate with feelin's
 * semantics for values of the literals' own type (and null); any other value, and every other
 * entry, is left to feelin. literal-unary-tests.spec.ts checks both agree.
 */
export function compileLiteralUnaryTests(text: string): ((value: unknown) => boolean | undefined) | null {
  const top = parseUnaryTests(text, {}, undefined).topNode;
  let node = top.firstChild;
  let negate = false;
  if (node?.name === 'not') {
    negate = true;
    node = node.nextSibling?.nextSibling ?? null;
  }
  if (node?.name !== 'PositiveUnaryTests') return null;
  const tests: LiteralTest[] = [];
  for (let test = node.firstChild; test !== null; test = test.nextSibling) {
    if (test.name === ',') continue;
    const compiled = test.name === 'PositiveUnaryTest' && test.firstChild && !test.firstChild.nextSibling ? compileTest(test.firstChild, text) : null;
    if (!compiled) return null;
    tests.push(compiled);
  }
  if (tests.length === 0) return null;
  return (value) => {
    if (value !== null && typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') return undefined;
    let unknown = false;
    for (const test of tests) {
      const result = test(value);
      if (result === true) return !negate;
      if (result === undefined) unknown = true;
    }
    return unknown ? undefined : negate;
  };
}

function compileTest(node: SyntaxNode, text: string): LiteralTest | null {
  if (node.name === 'BooleanLiteral') {
    const literal = literalOf(node, text);
    return (value) => value === literal;
  }
  if (isLiteral(node)) {
    const literal = literalOf(node, text);
    return literal === undefined ? null : (value) => value === literal;
  }
  if (node.name !== 'SimplePositiveUnaryTest') return null;
  const first = node.firstChild;
  if (first?.name === 'Interval' && !node.firstChild?.nextSibling) return compileInterval(first, text);
  const operand = first?.nextSibling;
  if (first?.name !== 'CompareOp' || !operand || operand.nextSibling || !isLiteral(operand)) return null;
  const literal = literalOf(operand, text);
  if (literal === undefined) return null;
  return compileComparison(text.slice(first.from, first.to), literal);
}

function compileComparison(operator: string, literal: Primitive): LiteralTest | null {
  switch (operator) {
    case '=':
      return (value) => value === literal;
    case '!=':
      // feelin: null differs from any value; values of different types are not comparable
      return (value) => (value === null || literal === null ? value !== literal : typeof value === typeof literal ? value !== literal : false);
    default: {
      if (typeof literal !== 'number' && typeof literal !== 'string') return null;
      const holds = ORDER[operator];
      if (!holds) return null;
      return (value) => (value === null ? false : typeof value === typeof literal ? holds(value as typeof literal, literal) : undefined);
    }
  }
}

const ORDER: Record<string, ((a: number | string, b: number | string) => boolean) | undefined> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function compileInterval(interval: SyntaxNode, text: string): LiteralTest | null {
  const parts: SyntaxNode[] = [];
  for (let child = interval.firstChild; child !== null; child = child.nextSibling) parts.push(child);
  if (parts.length !== 5 || !isLiteral(parts[1]!) || !isLiteral(parts[3]!)) return null;
  const first = literalOf(parts[1]!, text);
  const second = literalOf(parts[3]!, text);
  if ((typeof first !== 'number' && typeof first !== 'string') || typeof second !== typeof first) return null;
  const openIncluded = text.slice(parts[0]!.from, parts[0]!.to) === '[';
  const closeIncluded = text.slice(parts[4]!.from, parts[4]!.to) === ']';
  // feelin orders a descending range's bounds
  const descending = (second as number | string) < first;
  const low: number | string = descending ? (second as number | string) : first;
  const high: number | string = descending ? first : (second as number | string);
  const lowIncluded = descending ? closeIncluded : openIncluded;
  const highIncluded = descending ? openIncluded : closeIncluded;
  return (value) => {
    if (value === null) return false;
    if (typeof value !== typeof low || typeof value === 'boolean') return undefined;
    return (lowIncluded ? value >= low : value > low) && (highIncluded ? value <= high : value < high);
  };
}

function isLiteral(node: SyntaxNode): boolean {
  return node.name === 'NumericLiteral' || node.name === 'StringLiteral' || node.name === 'BooleanLiteral' || node.name === 'null';
}

/** the literal's value, as feelin reads it; undefined if it is not a plain value */
function literalOf(node: SyntaxNode, text: string): Primitive | undefined {
  const source = text.slice(node.from, node.to);
  // the common forms directly; anything else (escapes, exponents) as feelin reads it
  if (node.name === 'null') return null;
  if (node.name === 'BooleanLiteral' && (source === 'true' || source === 'false')) return source === 'true';
  if (node.name === 'NumericLiteral' && /^-?\d+(\.\d+)?$/.test(source)) return Number(source);
  if (node.name === 'StringLiteral' && /^"[^"\\]*"$/.test(source)) return source.slice(1, -1);
  const value: unknown = evaluate(source, {}).value;
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return undefined;
}
