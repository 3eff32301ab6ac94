import {
  deserializeFromStorage,
  fromDto,
  serializeForStorage,
  toDto,
  typedValuesEqual,
  type TypedValue,
} from './index.js';

function roundTrip(tv: TypedValue): TypedValue {
  // Through JSON too: the row must survive a JSON column or a JSON transport.
  return deserializeFromStorage(JSON.parse(JSON.stringify(serializeForStorage(tv))));
}

describe('storage codec', () => {
  const objectInfo = { objectTypeName: 'com.acme.Order', serializationDataFormat: 'application/json' };

  it.each<[string, TypedValue, string | null]>([
    ['String', { type: 'String', value: 'hello "quoted"\n' }, 'hello "quoted"\n'],
    ['empty String', { type: 'String', value: '' }, ''],
    ['Integer', { type: 'Integer', value: -2147483648 }, '-2147483648'],
    ['Short', { type: 'Short', value: 32767 }, '32767'],
    ['Long', { type: 'Long', value: 3000000000 }, '3000000000'],
    ['Long beyond 2^53', { type: 'Long', value: 9223372036854775807n }, '9223372036854775807'],
    ['Double', { type: 'Double', value: 0.1 }, '0.1'],
    ['tiny Double', { type: 'Double', value: 5e-324 }, '5e-324'],
    ['huge Double', { type: 'Double', value: 1.7976931348623157e308 }, '1.7976931348623157e+308'],
    ['integral Double', { type: 'Double', value: 5 }, '5'],
    ['negative zero Double', { type: 'Double', value: -0 }, '-0'],
    ['Boolean', { type: 'Boolean', value: false }, 'false'],
    ['Date', { type: 'Date', value: new Date(Date.UTC(2031, 5, 1, 9, 30, 0, 7)) }, '2031-06-01T09:30:00.007+0000'],
    ['Null', { type: 'Null', value: null }, null],
    ['Json', { type: 'Json', value: { a: [1, { b: null }], s: 'x' } }, '{"a":[1,{"b":null}],"s":"x"}'],
    ['Json array', { type: 'Json', value: [] }, '[]'],
    ['Xml', { type: 'Xml', value: '<a b="1">x</a>' }, '<a b="1">x</a>'],
    ['Bytes', { type: 'Bytes', value: new Uint8Array([0, 1, 2, 255]) }, 'AAEC/w=='],
    ['Object', { type: 'Object', value: { k: 'v' }, valueInfo: objectInfo }, '{"k":"v"}'],
    ['typed null', { type: 'Integer', value: null }, null],
    ['with valueInfo', { type: 'String', value: 'x', valueInfo: { transient: true } }, 'x'],
  ])('%s round-trips losslessly', (_label, tv, text) => {
    const row = serializeForStorage(tv);
    expect(row.type).toBe(tv.type);
    expect(row.text).toBe(text);
    const back = roundTrip(tv);
    expect(back).toEqual(tv);
    expect(typedValuesEqual(back, tv)).toBe(true);
  });

  it('keeps the sign of -0 and the bigint of a Long', () => {
    expect(Object.is(roundTrip({ type: 'Double', value: -0 }).value, -0)).toBe(true);
    expect(roundTrip({ type: 'Long', value: 9007199254740993n }).value).toBe(9007199254740993n);
  });

  it('stores valueInfo as null when absent and as a copy when present', () => {
    expect(serializeForStorage({ type: 'String', value: 'x' }).valueInfo).toBeNull();
    const valueInfo = { transient: true };
    const row = serializeForStorage({ type: 'String', value: 'x', valueInfo });
    expect(row.valueInfo).toEqual(valueInfo);
    expect(row.valueInfo).not.toBe(valueInfo);
    expect(serializeForStorage({ type: 'Object', value: null, valueInfo: objectInfo }).valueInfo).toEqual(objectInfo);
  });

  it('reads an empty valueInfo as absent and type names case-insensitively', () => {
    expect(deserializeFromStorage({ type: 'string', text: 'x', valueInfo: {} })).toEqual({ type: 'String', value: 'x' });
  });

  it('round-trips a 1 MiB String from REST to storage and back to REST unchanged', () => {
    const chunk = 'aé"\\\n😀<>{}';
    const big = chunk.repeat(Math.ceil((1024 * 1024) / chunk.length)).slice(0, 1024 * 1024);
    expect(big.length).toBe(1024 * 1024);
    const row = serializeForStorage(fromDto('big', { type: 'String', value: big }));
    expect(row.text).toBe(big);
    const dto = toDto(deserializeFromStorage(row));
    expect(dto.type).toBe('String');
    expect(dto.value === big).toBe(true);
  });

  it('round-trips a large Json document', () => {
    const items = Array.from({ length: 20_000 }, (_, index) => ({ index, label: `item ${index}` }));
    expect(roundTrip({ type: 'Json', value: { items } }).value).toEqual({ items });
  });

  it('rejects corrupt rows with a plain Error', () => {
    expect(() => deserializeFromStorage({ type: 'Foo', text: 'x', valueInfo: null })).toThrow(
      "Corrupt stored variable: unknown type 'Foo'",
    );
    let error: unknown;
    try {
      deserializeFromStorage({ type: 'Integer', text: 'abc', valueInfo: null });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('Error');
    expect((error as Error).message).toContain('Corrupt stored variable: Cannot convert value');
    expect(() => deserializeFromStorage({ type: 'Json', text: '{', valueInfo: null })).toThrow('Corrupt stored variable');
  });
});
