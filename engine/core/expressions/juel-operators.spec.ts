import { compileExpression, ExpressionEvaluationError } from './index.js';
import { contextOf } from './testing/map-context.js';

function run(text: string, variables: Record<string, unknown> = {}): unknown {
  return compileExpression(text).evaluate(contextOf(variables));
}

describe('JUEL literals', () => {
  it.each([
    ['${42}', 42],
    ['${3.25}', 3.25],
    ['${.5}', 0.5],
    ['${1e3}', 1000],
    ['${2.5E-1}', 0.25],
    ["${'single'}", 'single'],
    ['${"double"}', 'double'],
    ["${'it\\'s'}", "it's"],
    ['${"say \\"hi\\""}', 'say "hi"'],
    ["${'back\\\\slash'}", 'back\\slash'],
    ["${'keeps \\n as is'}", 'keeps \\n as is'],
    ["${'}'}", '}'],
    ['${true}', true],
    ['${false}', false],
    ['${null}', null],
  ])('%s evaluates to %p', (text, expected) => {
    expect(run(text)).toStrictEqual(expected);
  });
});

describe('JUEL arithmetic', () => {
  it.each([
    ['${1 + 2 * 3}', 7],
    ['${(1 + 2) * 3}', 9],
    ['${10 - 4 - 3}', 3],
    ['${2 * 3 + 4 * 5}', 26],
    ['${-2 * 3}', -6],
    ['${- -4}', 4],
    ['${7 + 0.5}', 7.5],
    ['${10 / 4}', 2.5],
    ['${10 div 4}', 2.5],
    ['${9 / 3}', 3],
    ['${1 / 0}', Infinity],
    ['${7 % 3}', 1],
    ['${7 mod 3}', 1],
    ['${-7 % 3}', -1],
    ['${7.5 % 2}', 1.5],
    ['${null + null}', 0],
    ['${null / null}', 0],
    ['${null + 5}', 5],
  ])('%s evaluates to %p', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('keeps integers integral and produces doubles where EL does', () => {
    expect(Number.isInteger(run('${a + b}', { a: 2, b: 3 }))).toBe(true);
    expect(Number.isInteger(run('${a * b}', { a: 4, b: 5 }))).toBe(true);
    expect(run('${a / b}', { a: 1, b: 4 })).toBe(0.25);
  });

  it('coerces numeric strings and refuses to concatenate with +', () => {
    expect(run("${'40' + 2}")).toBe(42);
    expect(run("${'1.5' * 2}")).toBe(3);
    expect(() => run("${'abc' + 1}")).toThrow("Expected a number, but found 'abc' in '${'abc' + 1}'");
    expect(() => run("${'a' + 'b'}")).toThrow(ExpressionEvaluationError);
  });

  it('rejects booleans in arithmetic', () => {
    expect(() => run('${true + 1}')).toThrow('Expected a number, but found true');
  });

  it('reports integer modulo by zero', () => {
    expect(() => run('${5 % 0}')).toThrow('Expected a non-zero divisor, but found 0');
  });
});

describe('JUEL comparisons', () => {
  it.each([
    [100000, true],
    [99999.5, false],
    [100000.01, true],
    ['100000', true],
    ['99999.5', false],
    [null, false],
  ])('${amount >= 100000} with amount %p is %p', (amount, expected) => {
    expect(run('${amount >= 100000}', { amount })).toBe(expected);
  });

  it.each([
    ['${1 < 2}', true],
    ['${2 > 1}', true],
    ['${2 <= 2}', true],
    ['${3 >= 4}', false],
    ['${1 lt 2}', true],
    ['${1 gt 2}', false],
    ['${2 le 2}', true],
    ['${2 ge 3}', false],
    ['${1 == 1.0}', true],
    ['${1 eq 1}', true],
    ['${1 != 2}', true],
    ['${1 ne 1}', false],
    ["${'10' == 10}", true],
    ["${'abc' < 'abd'}", true],
    ["${'b' > 'abc'}", true],
    ["${'a' == 'a'}", true],
    ["${'true' == true}", true],
    ["${'yes' == true}", false],
    ['${null == null}', true],
    ['${null == 0}', false],
    ['${null < 1}', false],
    ['${true > false}', true],
  ])('%s is %p', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('compares dates by instant', () => {
    const early = new Date('2024-01-01T00:00:00Z');
    const late = new Date('2024-06-01T00:00:00Z');
    expect(run('${a < b}', { a: early, b: late })).toBe(true);
    expect(run('${a == b}', { a: early, b: new Date(early.getTime()) })).toBe(true);
    expect(run('${a >= b}', { a: early, b: new Date(early.getTime()) })).toBe(true);
    expect(run('${a > b}', { a: early, b: late })).toBe(false);
  });

  it('compares Json values structurally for equality', () => {
    expect(run('${a == b}', { a: { x: [1, 2] }, b: { x: [1, 2] } })).toBe(true);
    expect(run('${a == b}', { a: { x: [1, 2] }, b: { x: [2, 1] } })).toBe(false);
  });

  it('fails on values that cannot be compared', () => {
    expect(() => run("${1 == 'abc'}")).toThrow("Expected a number, but found 'abc'");
    expect(() => run('${a < b}', { a: {}, b: [] })).toThrow('Expected two comparable values');
  });
});

describe('JUEL logic', () => {
  it.each([
    ['${true && false}', false],
    ['${true and true}', true],
    ['${false || true}', true],
    ['${false or false}', false],
    ['${!true}', false],
    ['${not false}', true],
    ['${not (1 > 2)}', true],
    ['${1 < 2 && 2 < 3 || false}', true],
    ['${false && false || true}', true],
    ['${true || false && false}', true],
    ["${'TRUE' && true}", true],
    ['${null || false}', false],
  ])('%s is %p', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('short-circuits so that the right side is never evaluated', () => {
    expect(run('${false && missing}')).toBe(false);
    expect(run('${true || missing}')).toBe(true);
    expect(run('${false and missing.x > 1}')).toBe(false);
  });

  it('refuses non-boolean operands', () => {
    expect(() => run('${1 && true}')).toThrow('Expected a boolean, but found 1');
  });

  it.each([
    [null, true],
    ['', true],
    [[], true],
    [{}, true],
    ['x', false],
    [[0], false],
    [{ a: 1 }, false],
    [0, false],
  ])('empty %p is %p', (value, expected) => {
    expect(run('${empty value}', { value })).toBe(expected);
    expect(run('${not empty value}', { value })).toBe(!expected);
    expect(run('${!empty value}', { value })).toBe(!expected);
  });

  it('evaluates the ternary operator lazily and right-associatively', () => {
    expect(run("${amount > 100 ? 'big' : 'small'}", { amount: 150 })).toBe('big');
    expect(run("${amount > 100 ? 'big' : 'small'}", { amount: 50 })).toBe('small');
    expect(run('${true ? 1 : missing}')).toBe(1);
    expect(run("${n == 1 ? 'one' : n == 2 ? 'two' : 'many'}", { n: 2 })).toBe('two');
    expect(run("${n == 1 ? 'one' : n == 2 ? 'two' : 'many'}", { n: 7 })).toBe('many');
  });
});
