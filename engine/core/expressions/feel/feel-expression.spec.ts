import { compileExpression, ExpressionEvaluationError, ExpressionSyntaxError, HOST_OBJECT } from '../index.js';
import { contextOf, FIXED_NOW } from '../testing/map-context.js';

function run(text: string, variables: Record<string, unknown> = {}): unknown {
  return compileExpression(text).evaluate(contextOf(variables));
}

describe('FEEL expressions (= prefix)', () => {
  it('are compiled as FEEL', () => {
    const expression = compileExpression('=amount > 1000');
    expect(expression.language).toBe('feel');
    expect(expression.isLiteral).toBe(false);
    expect(expression.identifiers).toEqual(['amount']);
  });

  it('evaluate comparisons against resolved variables', () => {
    expect(run('=amount > 1000', { amount: 1500 })).toBe(true);
    expect(run('=amount > 1000', { amount: 1000 })).toBe(false);
  });

  it('evaluate if-then-else', () => {
    expect(run('=if x then "a" else "b"', { x: true })).toBe('a');
    expect(run('=if x then "a" else "b"', { x: false })).toBe('b');
  });

  it('navigate nested data, lists and built-in functions', () => {
    const order = { customer: { city: 'London' }, items: [{ price: 10 }, { price: 5 }] };
    expect(run('=order.customer.city', { order })).toBe('London');
    expect(run('=sum(order.items.price)', { order })).toBe(15);
    expect(run('=for i in order.items return i.price * 2', { order })).toEqual([20, 10]);
    expect(run('=count(order.items[price > 6])', { order })).toBe(1);
    expect(run('={total: a + b}', { a: 1, b: 2 })).toEqual({ total: 3 });
  });

  it('yield null for unknown variables (FEEL semantics)', () => {
    expect(run('=missing')).toBeNull();
    expect(run('=missing > 1')).toBeNull();
  });

  it('use the engine clock for now() and today()', () => {
    expect(run('=now()')).toEqual(FIXED_NOW);
    expect(run('=today()')).toEqual(new Date('2024-01-31T00:00:00Z'));
    expect(run('=now() + duration("P2D")')).toEqual(new Date(FIXED_NOW.getTime() + 2 * 24 * 3600 * 1000));
  });

  it('convert FEEL temporal results to JS', () => {
    expect(run('=date and time("2024-05-01T10:00:00+02:00")')).toEqual(new Date('2024-05-01T08:00:00Z'));
    expect(run('=date and time("2024-05-01T10:00:00")')).toEqual(new Date('2024-05-01T10:00:00Z'));
    expect(run('=date("2024-05-01")')).toEqual(new Date('2024-05-01T00:00:00Z'));
    expect(run('=duration("PT5H")')).toBe('PT5H');
    expect(run('=[date("2024-05-01")]')).toEqual([new Date('2024-05-01T00:00:00Z')]);
  });

  it('accept JS dates from variables', () => {
    expect(run('=due < now()', { due: new Date(FIXED_NOW.getTime() - 1) })).toBe(true);
  });

  it('never call functions or host objects found in variables', () => {
    let called = false;
    const fn = () => {
      called = true;
      return 1;
    };
    const host = { [HOST_OBJECT]: true, getProperty: fn, callMethod: fn };
    expect(run('=f()', { f: fn })).toBeNull();
    expect(run('=data.f()', { data: { f: fn } })).toBeNull();
    expect(run('=h.callMethod("x", [])', { h: host })).toBeNull();
    expect(called).toBe(false);
  });

  it('do not expose prototypes', () => {
    expect(run('=x.constructor', { x: {} })).toBeNull();
    expect(run('=x.__proto__', { x: {} })).toBeNull();
    expect(run('="".constructor')).toBeNull();
  });

  it('report syntax errors at compile time with a position in the full source', () => {
    expect(() => compileExpression('=amount >')).toThrow(ExpressionSyntaxError);
    expect(() => compileExpression('=amount >')).toThrow(
      "Expected a valid FEEL expression, but found end of input at position 9 in '=amount >'",
    );
    expect(() => compileExpression('=(a')).toThrow(ExpressionSyntaxError);
    expect(() => compileExpression('=1 +* 2')).toThrow(
      "Expected a valid FEEL expression, but found '*' at position 4 in '=1 +* 2'",
    );
    expect(() => compileExpression('=')).toThrow(ExpressionSyntaxError);
    expect(() => compileExpression('=if x then 1')).toThrow(ExpressionSyntaxError);
  });

  it('wrap evaluation failures with the source', () => {
    const failing = { found: true as const, value: 1 };
    const ctx = {
      resolve: (name: string) => {
        if (name === 'boom') throw new ExpressionEvaluationError('Expected boom to resolve, but it exploded');
        return failing;
      },
      now: () => FIXED_NOW,
    };
    expect(() => compileExpression('=boom').evaluate(ctx)).toThrow(
      "Expected boom to resolve, but it exploded in '=boom'",
    );
  });
});
