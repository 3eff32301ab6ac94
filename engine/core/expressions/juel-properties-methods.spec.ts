import { jest } from '@jest/globals';
import { compileExpression, ExpressionEvaluationError, HOST_OBJECT, isHostObject, type HostObject } from './index.js';
import { contextOf } from './testing/map-context.js';

function run(text: string, variables: Record<string, unknown> = {}): unknown {
  return compileExpression(text).evaluate(contextOf(variables));
}

const order = {
  customer: { name: 'Ada', address: { city: 'London', zip: null } },
  items: [
    { sku: 'A-1', price: 10 },
    { sku: 'B-2', price: 25.5 },
  ],
  tags: ['vip', 'eu'],
};

describe('JUEL identifiers and property access', () => {
  it('resolves top-level identifiers through the context', () => {
    expect(run('${initiator}', { initiator: 'demo' })).toBe('demo');
    expect(run('${count}', { count: 0 })).toBe(0);
  });

  it('fails on unknown identifiers, naming identifier and source', () => {
    expect(() => run('${amount > 1}')).toThrow(ExpressionEvaluationError);
    expect(() => run('${amount > 1}')).toThrow("Cannot resolve identifier 'amount' in '${amount > 1}'");
    try {
      run('${amount > 1}');
    } catch (error) {
      expect((error as ExpressionEvaluationError).source).toBe('${amount > 1}');
    }
  });

  it('treats a variable holding undefined as null', () => {
    expect(run('${x}', { x: undefined })).toBeNull();
  });

  it('navigates nested Json with dots and brackets', () => {
    expect(run('${order.customer.address.city}', { order })).toBe('London');
    expect(run('${order.items[1].price}', { order })).toBe(25.5);
    expect(run("${order['customer']['name']}", { order })).toBe('Ada');
    expect(run("${order.items[i].sku}", { order, i: 0 })).toBe('A-1');
    expect(run("${order.items['1'].sku}", { order })).toBe('B-2');
    expect(run('${order.items[0].price + order.items[1].price}', { order })).toBe(35.5);
  });

  it('gives null for missing properties, null bases and out-of-range indexes', () => {
    expect(run('${order.customer.phone}', { order })).toBeNull();
    expect(run('${order.customer.phone.number}', { order })).toBeNull();
    expect(run('${order.customer.address.zip}', { order })).toBeNull();
    expect(run('${order.items[5]}', { order })).toBeNull();
    expect(run('${order.items[-1]}', { order })).toBeNull();
    expect(run('${x.y}', { x: null })).toBeNull();
    expect(run('${order[key]}', { order, key: null })).toBeNull();
  });

  it('never reads inherited properties', () => {
    const child = Object.create({ inherited: 'secret' }) as object;
    expect(run('${obj.inherited}', { obj: { ...child } })).toBeNull();
    expect(() => run('${obj.inherited}', { obj: child })).toThrow(ExpressionEvaluationError);
  });

  it('never runs getters', () => {
    const getter = jest.fn(() => 'value');
    const obj = Object.defineProperty({}, 'lazy', { get: getter, enumerable: true });
    expect(() => run('${obj.lazy}', { obj })).toThrow("Expected a data property, but 'lazy' is an accessor");
    expect(getter).not.toHaveBeenCalled();
  });

  it('fails on non-integer array indexes and properties of primitives', () => {
    expect(() => run("${order.items['x']}", { order })).toThrow("Expected an integer array index, but found 'x'");
    expect(() => run('${order.items.length}', { order })).toThrow('Expected an integer array index');
    expect(() => run("${name.length}", { name: 'Ada' })).toThrow("read property 'length' from, but found a string");
  });
});

describe('JUEL whitelisted methods', () => {
  it.each([
    ["${s.length()}", 5],
    ["${s.isEmpty()}", false],
    ["${s.toUpperCase()}", 'HELLO'],
    ["${s.toLowerCase()}", 'hello'],
    ["${'  x '.trim()}", 'x'],
    ["${s.startsWith('He')}", true],
    ["${s.endsWith('lo')}", true],
    ["${s.contains('ell')}", true],
    ["${s.equals('Hello')}", true],
    ["${s.equals(5)}", false],
    ["${s.equalsIgnoreCase('HELLO')}", true],
    ["${s.substring(1)}", 'ello'],
    ["${s.substring(1, 3)}", 'el'],
    ["${s.indexOf('l')}", 2],
    ["${s.replace('l', 'L')}", 'HeLLo'],
    ["${s.replace('l', '$&')}", 'He$&$&o'],
    ["${s.concat('!')}", 'Hello!'],
    ["${s.toString()}", 'Hello'],
    ["${'a,b,,c,,'.split(',')}", ['a', 'b', '', 'c']],
    ["${'a.b'.split('.')}", ['a', 'b']],
    ["${n.toString()}", '42'],
    ["${d.intValue()}", 2],
    ["${d.longValue()}", 2],
    ["${d.doubleValue()}", 2.75],
    ["${list.size()}", 3],
    ["${list.isEmpty()}", false],
    ["${list.contains('b')}", true],
    ["${list.contains('z')}", false],
    ["${list.get(2)}", 'c'],
    ["${list.indexOf('c')}", 2],
    ["${map.containsKey('a')}", true],
    ["${map.containsKey('toString')}", false],
    ["${map.get('a')}", 1],
    ["${map.get('missing')}", null],
    ["${map.size()}", 2],
    ["${map.isEmpty()}", false],
    ["${map.keySet()}", ['a', 'b']],
    ["${map.keySet().contains('b')}", true],
  ])('%s evaluates to %p', (text, expected) => {
    const variables = { s: 'Hello', n: 42, d: 2.75, list: ['a', 'b', 'c'], map: { a: 1, b: 2 } };
    expect(run(text, variables)).toStrictEqual(expected);
  });

  it('refuses methods outside the whitelist', () => {
    expect(() => run("${s.repeat(3)}", { s: 'x' })).toThrow("Method 'repeat' is not allowed on a string");
    expect(() => run('${n.toFixed(2)}', { n: 1 })).toThrow("Method 'toFixed' is not allowed");
    expect(() => run("${list.push('x')}", { list: [] })).toThrow("Method 'push' is not allowed");
    expect(() => run('${b.toString()}', { b: true })).toThrow("Method 'toString' is not allowed on a boolean");
  });

  it('never calls functions found in data', () => {
    const fn = jest.fn(() => 'called');
    expect(() => run('${obj.run()}', { obj: { run: fn } })).toThrow("Method 'run' is not allowed on an object");
    expect(() => run('${f.call()}', { f: fn })).toThrow("Method 'call' is not allowed on a function");
    expect(fn).not.toHaveBeenCalled();
  });

  it('checks argument counts and bounds', () => {
    expect(() => run("${s.startsWith()}", { s: 'x' })).toThrow("Expected 1 argument(s) for method 'startsWith', but found 0");
    expect(() => run('${s.substring(2, 9)}', { s: 'abc' })).toThrow('Expected substring bounds within 0..3, but found 2..9');
    expect(() => run('${list.get(3)}', { list: [1] })).toThrow('Expected an index within 0..0, but found 3');
  });

  it('fails when calling a method on null', () => {
    expect(() => run('${missing.toUpperCase()}', { missing: null })).toThrow(
      "Expected an object to call method 'toUpperCase' on, but found null in '${missing.toUpperCase()}'",
    );
  });

  it('supports computed method names through the same whitelist', () => {
    expect(run("${s['toUpperCase']()}", { s: 'a' })).toBe('A');
    expect(() => run('${s[m]()}', { s: 'a', m: 'repeat' })).toThrow("Method 'repeat' is not allowed");
  });
});

describe('host objects', () => {
  function createExecution(): HostObject & { calls: string[] } {
    const calls: string[] = [];
    return {
      [HOST_OBJECT]: true,
      calls,
      getProperty(name) {
        calls.push(`get:${name}`);
        if (name === 'processInstanceId') return 'pi-1';
        if (name === 'businessKey') return undefined;
        throw new ExpressionEvaluationError(`Expected a known execution property, but found '${name}'`);
      },
      callMethod(name, args) {
        calls.push(`call:${name}(${args.join(',')})`);
        if (name === 'getVariable') return args[0] === 'amount' ? 500 : null;
        throw new ExpressionEvaluationError(`Method '${name}' is not allowed on execution`);
      },
    };
  }

  it('is recognised by isHostObject', () => {
    expect(isHostObject(createExecution())).toBe(true);
    expect(isHostObject({ getProperty: () => 1, callMethod: () => 1 })).toBe(false);
    expect(isHostObject(null)).toBe(false);
  });

  it('routes property access and method calls to the host', () => {
    const execution = createExecution();
    expect(run('${execution.processInstanceId}', { execution })).toBe('pi-1');
    expect(run("${execution['processInstanceId']}", { execution })).toBe('pi-1');
    expect(run('${execution.businessKey}', { execution })).toBeNull();
    expect(run("${execution.getVariable('amount') > 100}", { execution })).toBe(true);
    expect(execution.calls).toEqual([
      'get:processInstanceId',
      'get:processInstanceId',
      'get:businessKey',
      'call:getVariable(amount)',
    ]);
  });

  it('lets the host refuse, and attaches the source to its error', () => {
    const execution = createExecution();
    expect(() => run('${execution.deleteEverything()}', { execution })).toThrow(
      "Method 'deleteEverything' is not allowed on execution in '${execution.deleteEverything()}'",
    );
    expect(() => run('${execution.secret}', { execution })).toThrow("Expected a known execution property, but found 'secret'");
  });

  it('does not ask the host for forbidden names', () => {
    const execution = createExecution();
    expect(() => run('${execution[k]}', { execution, k: '__proto__' })).toThrow(ExpressionEvaluationError);
    expect(execution.calls).toEqual([]);
  });
});
