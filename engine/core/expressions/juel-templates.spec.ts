import { compileExpression, evaluateCondition, ExpressionEvaluationError } from './index.js';
import { contextOf } from './testing/map-context.js';

describe('pure literals', () => {
  it.each(['demo', '', 'PT5M', 'costs $5 {not an expression}', 'a # b', 'R3/PT10H'])('%p is a literal', (text) => {
    const expression = compileExpression(text);
    expect(expression.language).toBe('literal');
    expect(expression.isLiteral).toBe(true);
    expect(expression.identifiers).toEqual([]);
    expect(expression.source).toBe(text);
    expect(expression.evaluate(contextOf())).toBe(text);
  });

  it('unescapes \\${ and \\#{ into literal text', () => {
    const expression = compileExpression('literally \\${x} and \\#{y}');
    expect(expression.isLiteral).toBe(true);
    expect(expression.evaluate(contextOf())).toBe('literally ${x} and #{y}');
  });
});

describe('single expressions', () => {
  it('keep the type of their result', () => {
    const expression = compileExpression('${amount + 1}');
    expect(expression.language).toBe('juel');
    expect(expression.isLiteral).toBe(false);
    expect(expression.evaluate(contextOf({ amount: 41 }))).toBe(42);
    expect(compileExpression('${items}').evaluate(contextOf({ items: [1, 2] }))).toEqual([1, 2]);
    expect(compileExpression('${nothing}').evaluate(contextOf({ nothing: null }))).toBeNull();
  });

  it('accept #{...} like ${...}', () => {
    expect(compileExpression('#{a * 2}').evaluate(contextOf({ a: 21 }))).toBe(42);
    expect(compileExpression('#{a * 2}').language).toBe('juel');
  });

  it('tolerate whitespace inside the braces', () => {
    expect(compileExpression('${  a  }').evaluate(contextOf({ a: 'x' }))).toBe('x');
  });
});

describe('composite templates', () => {
  it('concatenate text and expression results into a string', () => {
    const expression = compileExpression('Hello ${name}, you owe ${amount}');
    expect(expression.evaluate(contextOf({ name: 'Ada', amount: 12.5 }))).toBe('Hello Ada, you owe 12.5');
  });

  it('render null as an empty string', () => {
    expect(compileExpression('[${a}]').evaluate(contextOf({ a: null }))).toBe('[]');
  });

  it('build timer definitions', () => {
    expect(compileExpression('PT${hours}H').evaluate(contextOf({ hours: 4 }))).toBe('PT4H');
    expect(compileExpression('${a}${b}').evaluate(contextOf({ a: 1, b: true }))).toBe('1true');
  });

  it('render dates as ISO text and Json as JSON', () => {
    const expression = compileExpression('due ${d}; data ${j}');
    const result = expression.evaluate(contextOf({ d: new Date('2024-02-01T00:00:00Z'), j: { a: [1, 'x'] } }));
    expect(result).toBe('due 2024-02-01T00:00:00.000Z; data {"a":[1,"x"]}');
  });

  it('do not trip over cyclic data', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    expect(compileExpression('${c} ').evaluate(contextOf({ c: cyclic }))).toBe('{"name":"loop","self":"..."} ');
  });

  it('mix ${} and #{} and keep braces inside strings', () => {
    expect(compileExpression("${'}'}-#{x}").evaluate(contextOf({ x: 2 }))).toBe('}-2');
  });
});

describe('identifiers', () => {
  it('lists top-level identifiers once, in order, without function names', () => {
    const expression = compileExpression("${a.b + c[d]} and ${a.size()} at ${now()} or ${e.get(f) ? g : 'x'}");
    expect(expression.identifiers).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
  });
});

describe('evaluateCondition', () => {
  it('returns boolean results', () => {
    expect(evaluateCondition(compileExpression('${amount >= 100000}'), contextOf({ amount: 100000 }))).toBe(true);
    expect(evaluateCondition(compileExpression('${amount >= 100000}'), contextOf({ amount: 99999.5 }))).toBe(false);
    expect(evaluateCondition(compileExpression('=amount > 1000'), contextOf({ amount: 5000 }))).toBe(true);
  });

  it('rejects anything that is not a boolean', () => {
    const expression = compileExpression('${x}');
    expect(() => evaluateCondition(expression, contextOf({ x: 'abc' }))).toThrow(ExpressionEvaluationError);
    expect(() => evaluateCondition(expression, contextOf({ x: 'abc' }))).toThrow(
      /^Expected a boolean, but '\$\{x\}' evaluated to 'abc'$/,
    );
    expect(() => evaluateCondition(expression, contextOf({ x: null }))).toThrow("evaluated to null");
    expect(() => evaluateCondition(compileExpression('true'), contextOf())).toThrow("'true' evaluated to 'true'");
  });

  it('carries the source on the error', () => {
    try {
      evaluateCondition(compileExpression('${x}'), contextOf({ x: 1 }));
      throw new Error('should have failed');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionEvaluationError);
      expect((error as ExpressionEvaluationError).source).toBe('${x}');
    }
  });
});
