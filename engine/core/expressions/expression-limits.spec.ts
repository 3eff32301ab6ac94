import { evaluate } from 'feelin';
import { compileExpression, ExpressionEvaluationError, ExpressionSyntaxError } from './index.js';
import { EXPRESSION_LIMITS } from './limits.js';
import { contextOf } from './testing/map-context.js';

function run(text: string, variables: Record<string, unknown> = {}): unknown {
  return compileExpression(text).evaluate(contextOf(variables));
}

/** runs an expression that must fail with an evaluation error, and says how long it took */
function refusal(text: string, variables: Record<string, unknown> = {}): { message: string; ms: number } {
  const started = performance.now();
  try {
    run(text, variables);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionEvaluationError);
    return { message: (error as Error).message, ms: performance.now() - started };
  }
  throw new Error(`Expected '${text}' to fail`);
}

const STEPS = `within ${EXPRESSION_LIMITS.maxSteps} steps`;
const numbers = (length: number) => Array.from({ length }, (_, i) => i);

describe('FEEL regular expressions run in linear time (RE2)', () => {
  it('answers a catastrophic pattern at once instead of backtracking for seconds', () => {
    const started = performance.now();
    expect(run('=matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$")')).toBe(false);
    expect(run('=replace(s, "(a|aa)+b", "x")', { s: `${'a'.repeat(5000)}!` })).toBe(`${'a'.repeat(5000)}!`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps the FEEL semantics of matches, replace and split', () => {
    expect(run('=matches("Hello", "^h", "i")')).toBe(true);
    expect(run('=matches("Hello", "^h")')).toBe(false);
    expect(run('=replace("abc", "(b)", "[$1]")')).toBe('a[b]c');
    expect(run('=replace("a.b", "\\\\.", "$0$0")')).toBe('a..b');
    expect(run('=replace("abc", "x*", "-")')).toBe('-a-b-c-');
    expect(run('=split("a,b,,c", ",")')).toEqual(['a', 'b', '', 'c']);
    expect(run('=split("John  Doe", "\\\\s+")')).toEqual(['John', 'Doe']);
    expect(run('=split("abc", "")')).toEqual(['a', 'b', 'c']);
    expect(run('=matches("abc", "[")')).toBeNull();
    expect(run('=matches(1, "1")')).toBeNull();
  });

  it('refuses backreferences and lookaround with an evaluation error', () => {
    expect(refusal('=matches("aa", "(a)\\\\1")').message).toContain('without backreferences or lookaround (RE2 syntax)');
    expect(refusal('=replace("ab", "a(?=b)", "x")').message).toContain('RE2 syntax');
    expect(refusal('=split("ab", "(?<=a)")').message).toContain('RE2 syntax');
  });

  it('refuses over-long patterns and inputs', () => {
    expect(refusal('=matches("a", p)', { p: 'a'.repeat(EXPRESSION_LIMITS.maxRegexPatternLength + 1) }).message).toContain(`at most ${EXPRESSION_LIMITS.maxRegexPatternLength} characters`);
    expect(refusal('=matches(s, "a")', { s: 'a'.repeat(EXPRESSION_LIMITS.maxRegexInputLength + 1) }).message).toContain(`text of at most ${EXPRESSION_LIMITS.maxRegexInputLength}`);
  });
});

describe('FEEL evaluation budget', () => {
  it('refuses a huge range before enumerating it', () => {
    for (const text of ['=for x in 1..2000000 return x', '=for x in [1..2000000] return x', '=some x in 1..n satisfies x < 0']) {
      const { message, ms } = refusal(text, { n: 1e9 });
      expect(message).toContain(`at most ${EXPRESSION_LIMITS.maxListLength} elements`);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('stops nested iteration, quantifiers and filters over large lists', () => {
    expect(refusal('=count(for a in 1..1000, b in 1..1000 return 1)').message).toContain(STEPS);
    expect(refusal('=some x in xs, y in xs satisfies x < y and y < 0', { xs: numbers(2000) }).message).toContain(STEPS);
    expect(refusal('=every x in xs satisfies count(xs[item > x]) >= 0', { xs: numbers(2000) }).message).toContain(STEPS);
    expect(refusal('=for i in 1..50000 return xs = ys', { xs: numbers(1000), ys: numbers(1000) }).message).toContain(STEPS);
  });

  it('charges reading a large variable', () => {
    expect(refusal('=count(xs)', { xs: numbers(EXPRESSION_LIMITS.maxSteps + 1) }).message).toContain(STEPS);
  });

  it('stops runaway recursion', () => {
    expect(refusal('={fib: function(n) if n < 2 then n else fib(n - 1) + fib(n - 2)}.fib(40)').message).toContain(STEPS);
    expect(refusal('={f: function(n) if n = 0 then 0 else f(n - 1)}.f(1000000)').message).toMatch(/steps|call stack/);
    expect(run('={fact: function(n) if n <= 1 then 1 else n * fact(n - 1)}.fact(10)')).toBe(3628800);
  });

  it('refuses strings and lists that grow beyond the limits', () => {
    const doubling = ['a: "xxxxxxxxxxxxxxxx"', ...'bcdefghijklmnopqrstu'.split('').map((key, i) => `${key}: ${'abcdefghijklmnopqrstu'[i]}+${'abcdefghijklmnopqrstu'[i]}`)];
    // reading the doubled strings costs steps too: whichever limit comes first stops it
    expect(refusal(`={${doubling.join(', ')}}.u`).message).toMatch(/at most \d+ characters|steps/);
    expect(refusal('=s + s', { s: 'x'.repeat(EXPRESSION_LIMITS.maxStringLength / 2 + 1) }).message).toMatch(/at most \d+ characters|steps/);
    expect(refusal('=string join(for i in 1..100 return s)', { s: 'x'.repeat(1 << 20) }).message).toContain(STEPS);
    expect(refusal('=replace(s, "", s)', { s: 'x'.repeat(5000) }).message).toContain('replace() to build a string');
  });

  it('keeps its metering functions out of reach of the model', () => {
    expect(() => compileExpression('={__meter_iterate: function(s) s}.x')).toThrow(ExpressionSyntaxError);
    expect(() => compileExpression('=context put({}, "__meter_read", 1)')).toThrow("no name starting with '__meter_'");
    expect(refusal('=context put({}, "__meter" + "_iterate", function(s) s)').message).toContain('reserved by the engine');
    expect(run('=data', { data: { __meter_read: 1, kept: 2 } })).toEqual({ kept: 2 });
  });

  it.each([
    'for x in xs return x * 2', 'for x in 1..n return x', 'for x in 3..1 return x', 'for x in "a".."e" return x', 'for x in [1..3] return x',
    'some x in xs satisfies x > 3', 'every x in xs satisfies x > 0', 'xs[item > 2]', 'xs[2]', 'xs[-1]', 'order.items[price > 6].sku', 'sum(order.items.price)',
    '{f: function(a) a + 1}.f(2)', 's + "!"', 'string join(["a", "b"], "-")', '2 in [1, 2, 3]', 'n in [1..5]', 'n between 1 and 5', 'xs instance of list<number>',
    'sort(xs, function(a, b) a > b)', 'for x in xs, y in [10, 20] return x + y', '[1, 2] = [1, 2]', '{a: 1, b: a + 1}', 'context put({a: 1}, "b", 2)',
    'for i in 1..count(xs) return xs[i] * 10', '(for x in xs return x)[item > 2]', 'distinct values([1, 1, 2])', 'upper case(s) // a comment',
  ])('evaluates %s as feelin does', (text) => {
    const variables = { xs: [1, 2, 3, 4], order: { items: [{ price: 10, sku: 'a' }, { price: 5, sku: 'b' }] }, s: 'hello', n: 3 };
    expect(run(`=${text}`, variables)).toEqual(evaluate(text, structuredClone(variables)).value);
  });
});

describe('expression size limits', () => {
  it('refuses over-long and over-deep expressions at compile time', () => {
    expect(() => compileExpression(`\${'${'x'.repeat(EXPRESSION_LIMITS.maxSourceLength)}'}`)).toThrow(`at most ${EXPRESSION_LIMITS.maxSourceLength} characters`);
    const deep = `=${'['.repeat(EXPRESSION_LIMITS.maxSyntaxDepth)}1${']'.repeat(EXPRESSION_LIMITS.maxSyntaxDepth)}`;
    expect(() => compileExpression(deep)).toThrow(`at most ${EXPRESSION_LIMITS.maxSyntaxDepth} levels of nesting`);
  });
});

describe('JUEL evaluation budget', () => {
  it('refuses results beyond the size limits before building them', () => {
    const s = 'x'.repeat(5000);
    expect(refusal("${s.replace('', s)}", { s }).message).toContain('replace() to build a string');
    expect(refusal('${s.concat(s)}', { s: 'y'.repeat(EXPRESSION_LIMITS.maxStringLength / 2 + 1) }).message).toContain('concat() to build a string');
    expect(refusal("${s.split('')}", { s: 'z'.repeat(EXPRESSION_LIMITS.maxListLength + 2) }).message).toContain('split() to build a list');
    const half = 'w'.repeat(EXPRESSION_LIMITS.maxStringLength / 2 + 1);
    expect(refusal('${a}${a}', { a: half }).message).toContain('the template to build a string');
  });

  it('charges methods for the data they work through', () => {
    const xs = numbers(40_000);
    expect(refusal('${xs.indexOf(-1) + xs.indexOf(-2) + xs.indexOf(-3)}', { xs }).message).toContain(STEPS);
    expect(run('${xs.indexOf(39999)}', { xs })).toBe(39999);
  });
});
