import { compileExpression, ExpressionEvaluationError, ExpressionSyntaxError } from './index.js';
import { contextOf } from './testing/map-context.js';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype', '__defineGetter__', '__lookupGetter__', 'valueOf', 'toString'];

describe('prototype access is refused at compile time when written literally', () => {
  it.each([
    "${''.constructor.constructor('return process')()}",
    "${''.constructor}",
    '${x.__proto__}',
    "${x['__proto__']}",
    "${x['constructor']}",
    '${x["prototype"]}',
    '${x.toString.call}',
    '${x.valueOf}',
    '${x.__defineGetter__}',
    "${x.__lookupGetter__('a')}",
    '${x.constructor()}',
    '${constructor}',
    '${__proto__.polluted}',
    'text ${a} then ${b.__proto__}',
  ])('%s', (text) => {
    expect(() => compileExpression(text)).toThrow(ExpressionSyntaxError);
  });

  it('names the offending property and its position', () => {
    expect(() => compileExpression('${x.__proto__}')).toThrow(
      "Expected an allowed property name, but found '__proto__' at position 4 in '${x.__proto__}'",
    );
  });

  it('checks literal method names in brackets like dotted ones', () => {
    expect(compileExpression("${s['toString']()}").evaluate(contextOf({ s: 'a' }))).toBe('a');
    expect(() => compileExpression("${s['constructor']()}")).toThrow(
      "Expected an allowed method name, but found 'constructor' at position 4",
    );
  });

  it('refuses calling the result of an expression', () => {
    expect(() => compileExpression("${x.get('f')('arg')}")).toThrow(ExpressionSyntaxError);
    expect(() => compileExpression('${(x)()}')).toThrow(ExpressionSyntaxError);
  });

  it('refuses unknown functions', () => {
    expect(() => compileExpression("${require('fs')}")).toThrow(
      "Expected one of the functions now(), dateTime(), but found identifier 'require' at position 2",
    );
    expect(() => compileExpression('${eval(1)}')).toThrow(ExpressionSyntaxError);
  });
});

describe('prototype access is refused at run time when computed', () => {
  it.each(FORBIDDEN)('${x[k]} with k = %p', (k) => {
    const x = { a: 1 };
    const expression = compileExpression('${x[k]}');
    expect(() => expression.evaluate(contextOf({ x, k }))).toThrow(ExpressionEvaluationError);
    expect(() => expression.evaluate(contextOf({ x, k }))).toThrow(`Expected an allowed property name, but found '${k}'`);
  });

  it('also on arrays, strings and through map.get()', () => {
    expect(() => compileExpression('${list[k]}').evaluate(contextOf({ list: [], k: 'constructor' }))).toThrow(
      ExpressionEvaluationError,
    );
    expect(() => compileExpression('${s[k]}').evaluate(contextOf({ s: 'abc', k: 'constructor' }))).toThrow(
      ExpressionEvaluationError,
    );
    expect(() => compileExpression('${m.get(k)}').evaluate(contextOf({ m: {}, k: '__proto__' }))).toThrow(
      "Expected an allowed property name, but found '__proto__'",
    );
    expect(() => compileExpression('${m[k]()}').evaluate(contextOf({ m: {}, k: 'constructor' }))).toThrow(
      "Expected an allowed method name, but found 'constructor'",
    );
  });

  it('even when the object owns such a key', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "own"}') as unknown;
    expect(() => compileExpression('${x[k]}').evaluate(contextOf({ x: parsed, k: 'constructor' }))).toThrow(
      ExpressionEvaluationError,
    );
  });

  it('does not leak built-in methods as values', () => {
    expect(compileExpression('${x[k]}').evaluate(contextOf({ x: {}, k: 'hasOwnProperty2' }))).toBeNull();
    expect(() => compileExpression('${x[k]}').evaluate(contextOf({ x: {}, k: 'hasOwnProperty' }))).toThrow(
      ExpressionEvaluationError,
    );
  });
});

describe('hostile input', () => {
  it('rejects very deep nesting instead of overflowing the stack', () => {
    const deep = '${' + '('.repeat(150) + '1' + ')'.repeat(150) + '}';
    expect(() => compileExpression(deep)).toThrow(/^Expected at most 100 levels of nesting, but found '\(' at position 102/);
    const unary = '${' + '-'.repeat(150) + '1}';
    expect(() => compileExpression(unary)).toThrow(/Expected at most 100 levels of nesting/);
    const huge = '${' + '('.repeat(50000) + '1' + ')'.repeat(50000) + '}';
    expect(() => compileExpression(huge)).toThrow(ExpressionSyntaxError);
  });

  it('keeps moderately nested expressions working', () => {
    const nested = '${' + '('.repeat(50) + '1' + ')'.repeat(50) + '}';
    expect(compileExpression(nested).evaluate(contextOf())).toBe(1);
  });
});

describe('long expressions', () => {
  it('evaluate long operator chains', () => {
    const chain = '${' + Array.from({ length: 400 }, () => '1').join(' + ') + '}';
    expect(compileExpression(chain).evaluate(contextOf())).toBe(400);
  });

  it('reject expressions with more than 1000 tokens', () => {
    const chain = '${' + Array.from({ length: 600 }, () => '1').join(' + ') + '}';
    expect(() => compileExpression(chain)).toThrow(/^Expected at most 1000 tokens in one expression, but found more/);
  });
});
