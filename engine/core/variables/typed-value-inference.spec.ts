import { VariableValueError, inferTypedValue, type TypedValue } from './index.js';

describe('inferTypedValue', () => {
  it.each<[string, unknown, TypedValue]>([
    ['undefined', undefined, { type: 'Null', value: null }],
    ['null', null, { type: 'Null', value: null }],
    ['string', 'x', { type: 'String', value: 'x' }],
    ['boolean', true, { type: 'Boolean', value: true }],
    ['int32', 7, { type: 'Integer', value: 7 }],
    ['int32 max', 2147483647, { type: 'Integer', value: 2147483647 }],
    ['beyond int32', 2147483648, { type: 'Long', value: 2147483648 }],
    ['beyond 2^53 (already imprecise number)', 2 ** 60, { type: 'Long', value: 2n ** 60n }],
    ['beyond int64', 2 ** 63, { type: 'Double', value: 2 ** 63 }],
    ['fraction', 0.5, { type: 'Double', value: 0.5 }],
    ['safe bigint', 12n, { type: 'Long', value: 12 }],
    ['unsafe bigint', 9007199254740993n, { type: 'Long', value: 9007199254740993n }],
    ['object', { a: { b: [1, 'x', null] } }, { type: 'Json', value: { a: { b: [1, 'x', null] } } }],
    ['array', [1, 2], { type: 'Json', value: [1, 2] }],
    ['empty object', {}, { type: 'Json', value: {} }],
  ])('%s', (_label, value, expected) => {
    expect(inferTypedValue(value)).toEqual(expected);
  });

  it('types a Date as Date (copied)', () => {
    const date = new Date(Date.UTC(2031, 5, 1));
    const tv = inferTypedValue(date);
    expect(tv.type).toBe('Date');
    expect((tv.value as Date).getTime()).toBe(date.getTime());
    date.setUTCFullYear(2000);
    expect((tv.value as Date).getUTCFullYear()).toBe(2031);
  });

  it('types bytes as Bytes (copied)', () => {
    const bytes = new Uint8Array([1, 2]);
    const tv = inferTypedValue(bytes);
    expect(tv).toEqual({ type: 'Bytes', value: new Uint8Array([1, 2]) });
    bytes[0] = 9;
    expect((tv.value as Uint8Array)[0]).toBe(1);
    expect(inferTypedValue(Buffer.from('hi'))).toEqual({ type: 'Bytes', value: new Uint8Array([104, 105]) });
  });

  it('stores objects as a JSON-safe copy', () => {
    const source = { when: new Date(Date.UTC(2031, 0, 1)), skip: undefined, list: [1] };
    const tv = inferTypedValue(source);
    expect(tv).toEqual({ type: 'Json', value: { when: '2031-01-01T00:00:00.000Z', list: [1] } });
    source.list.push(2);
    expect(tv.value).toEqual({ when: '2031-01-01T00:00:00.000Z', list: [1] });
  });

  it.each<[string, unknown, string]>([
    ['NaN', Number.NaN, 'a non-finite number'],
    ['Infinity', Number.POSITIVE_INFINITY, 'a non-finite number'],
    ['huge bigint', 2n ** 64n, 'a bigint outside the 64-bit range'],
    ['invalid Date', new Date(Number.NaN), 'an invalid Date'],
    ['function', () => 1, 'a function'],
    ['symbol', Symbol('s'), 'a symbol'],
    ['bigint inside an object', { n: 1n }, 'an object that cannot be serialized as JSON'],
  ])('rejects %s', (_label, value, what) => {
    expect(() => inferTypedValue(value)).toThrow(VariableValueError);
    expect(() => inferTypedValue(value, 'total')).toThrow(`of variable 'total': ${what} is not a supported variable value`);
  });

  it('rejects cyclic objects', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => inferTypedValue(cyclic, 'c')).toThrow("Cannot store value '[object Object]' of variable 'c'");
  });
});
