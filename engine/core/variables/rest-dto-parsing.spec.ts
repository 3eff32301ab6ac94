import { fromDto, type TypedValue } from './index.js';

describe('fromDto: each type', () => {
  it.each<[string, unknown, unknown, TypedValue]>([
    ['String', 'String', 'hello', { type: 'String', value: 'hello' }],
    ['String from a number (Jackson coercion)', 'String', 42, { type: 'String', value: '42' }],
    ['String from a boolean', 'String', true, { type: 'String', value: 'true' }],
    ['empty String', 'String', '', { type: 'String', value: '' }],
    ['Integer', 'Integer', 42, { type: 'Integer', value: 42 }],
    ['Integer from a numeric string', 'Integer', '42', { type: 'Integer', value: 42 }],
    ['Integer from a signed string', 'Integer', '-7', { type: 'Integer', value: -7 }],
    ['Integer max', 'Integer', 2147483647, { type: 'Integer', value: 2147483647 }],
    ['Integer min', 'Integer', -2147483648, { type: 'Integer', value: -2147483648 }],
    ['Integer from 42.0', 'Integer', 42.0, { type: 'Integer', value: 42 }],
    ['Short', 'Short', 32767, { type: 'Short', value: 32767 }],
    ['Short from a string', 'Short', '-32768', { type: 'Short', value: -32768 }],
    ['Long', 'Long', 3000000000, { type: 'Long', value: 3000000000 }],
    ['Long from a string', 'Long', '3000000000', { type: 'Long', value: 3000000000 }],
    ['Long beyond 2^53 as a string stays exact', 'Long', '9007199254740993', { type: 'Long', value: 9007199254740993n }],
    ['Long max as a string', 'Long', '9223372036854775807', { type: 'Long', value: 9223372036854775807n }],
    ['Long min as a string', 'Long', '-9223372036854775808', { type: 'Long', value: -9223372036854775808n }],
    ['Double', 'Double', 3.25, { type: 'Double', value: 3.25 }],
    ['Double sent as an integer stays Double', 'Double', 5, { type: 'Double', value: 5 }],
    ['Double from a string', 'Double', '1.5e3', { type: 'Double', value: 1500 }],
    ['Double from ".5"', 'Double', '.5', { type: 'Double', value: 0.5 }],
    ['Boolean true', 'Boolean', true, { type: 'Boolean', value: true }],
    ['Boolean false', 'Boolean', false, { type: 'Boolean', value: false }],
    ['Boolean from "true"', 'Boolean', 'true', { type: 'Boolean', value: true }],
    ['Boolean from "false"', 'Boolean', 'false', { type: 'Boolean', value: false }],
    ['Boolean from "TRUE"', 'Boolean', 'TRUE', { type: 'Boolean', value: true }],
    ['Null', 'Null', null, { type: 'Null', value: null }],
    ['Xml', 'Xml', '<a b="1"/>', { type: 'Xml', value: '<a b="1"/>' }],
    ['Bytes', 'Bytes', 'AAEC/w==', { type: 'Bytes', value: new Uint8Array([0, 1, 2, 255]) }],
    ['Bytes URL-safe without padding', 'Bytes', 'AAEC_w', { type: 'Bytes', value: new Uint8Array([0, 1, 2, 255]) }],
    ['empty Bytes', 'Bytes', '', { type: 'Bytes', value: new Uint8Array([]) }],
  ])('%s', (_label, type, value, expected) => {
    expect(fromDto('v', { type, value })).toEqual(expected);
  });

  it('Date in Camunda format', () => {
    const tv = fromDto('due', { type: 'Date', value: '2031-06-01T09:30:00.000+0000' });
    expect(tv.type).toBe('Date');
    expect(tv.value).toBeInstanceOf(Date);
    expect((tv.value as Date).getTime()).toBe(Date.UTC(2031, 5, 1, 9, 30));
  });

  it('Date in other ISO 8601 forms', () => {
    expect((fromDto('d', { type: 'Date', value: '2031-06-01T09:30:00.000Z' }).value as Date).getTime()).toBe(
      Date.UTC(2031, 5, 1, 9, 30),
    );
    expect((fromDto('d', { type: 'Date', value: '2031-06-01T11:30:00+02:00' }).value as Date).getTime()).toBe(
      Date.UTC(2031, 5, 1, 9, 30),
    );
  });

  it('Json as serialized text (what Camunda clients send) is stored parsed', () => {
    expect(fromDto('order', { type: 'Json', value: '{"id":7,"items":[1,2],"note":null}' })).toEqual({
      type: 'Json',
      value: { id: 7, items: [1, 2], note: null },
    });
  });

  it('Json sent as an object or array is accepted too', () => {
    expect(fromDto('order', { type: 'Json', value: { id: 7, nested: { ok: true } } })).toEqual({
      type: 'Json',
      value: { id: 7, nested: { ok: true } },
    });
    expect(fromDto('list', { type: 'Json', value: [1, 'a'] })).toEqual({ type: 'Json', value: [1, 'a'] });
  });

  it('Json text can be a scalar JSON document', () => {
    expect(fromDto('n', { type: 'Json', value: '42' })).toEqual({ type: 'Json', value: 42 });
    expect(fromDto('s', { type: 'Json', value: '"text"' })).toEqual({ type: 'Json', value: 'text' });
  });

  it('Json object values are copied, not aliased', () => {
    const body = { id: 1 };
    const tv = fromDto('order', { type: 'Json', value: body });
    body.id = 2;
    expect(tv.value).toEqual({ id: 1 });
  });

  it('Json keeps a given valueInfo and works without one', () => {
    const tv = fromDto('j', { type: 'Json', value: '{}', valueInfo: { serializationDataFormat: 'application/json' } });
    expect(tv.valueInfo).toEqual({ serializationDataFormat: 'application/json' });
    expect(fromDto('j', { type: 'Json', value: '{}' }).valueInfo).toBeUndefined();
  });

  it('Object with application/json keeps its valueInfo and is stored parsed', () => {
    const valueInfo = { objectTypeName: 'com.acme.Order', serializationDataFormat: 'application/json' };
    expect(fromDto('o', { type: 'Object', value: '{"somekey":"somevalue"}', valueInfo })).toEqual({
      type: 'Object',
      value: { somekey: 'somevalue' },
      valueInfo,
    });
  });

  it('Object defaults the data format to application/json and accepts charset parameters', () => {
    expect(fromDto('o', { type: 'Object', value: '{}', valueInfo: { objectTypeName: 'X' } }).valueInfo).toEqual({
      objectTypeName: 'X',
      serializationDataFormat: 'application/json',
    });
    const withCharset = { objectTypeName: 'X', serializationDataFormat: 'Application/JSON; charset=UTF-8' };
    expect(fromDto('o', { type: 'Object', value: '[]', valueInfo: withCharset }).valueInfo).toEqual(withCharset);
  });

  it('null is a typed null for every type, as in Camunda', () => {
    for (const type of ['String', 'Integer', 'Long', 'Short', 'Double', 'Boolean', 'Date', 'Json', 'Xml', 'Bytes']) {
      expect(fromDto('v', { type, value: null })).toEqual({ type, value: null });
    }
    expect(fromDto('v', { type: 'Integer' })).toEqual({ type: 'Integer', value: null });
    expect(fromDto('o', { type: 'Object', value: null })).toEqual({
      type: 'Object',
      value: null,
      valueInfo: { serializationDataFormat: 'application/json' },
    });
  });

  it('keeps other valueInfo entries (e.g. transient)', () => {
    expect(fromDto('v', { type: 'String', value: 'x', valueInfo: { transient: true } })).toEqual({
      type: 'String',
      value: 'x',
      valueInfo: { transient: true },
    });
    expect(fromDto('v', { type: 'String', value: 'x', valueInfo: {} })).toEqual({ type: 'String', value: 'x' });
    expect(fromDto('v', { type: 'String', value: 'x', valueInfo: null })).toEqual({ type: 'String', value: 'x' });
  });
});

describe('fromDto: type names', () => {
  it.each([
    ['string', 'x', { type: 'String', value: 'x' }],
    ['integer', 5, { type: 'Integer', value: 5 }],
    ['long', 5, { type: 'Long', value: 5 }],
    ['short', 5, { type: 'Short', value: 5 }],
    ['double', 5, { type: 'Double', value: 5 }],
    ['boolean', true, { type: 'Boolean', value: true }],
    ['null', null, { type: 'Null', value: null }],
    ['json', '{"a":1}', { type: 'Json', value: { a: 1 } }],
    ['JSON', '[]', { type: 'Json', value: [] }],
    ['xml', '<a/>', { type: 'Xml', value: '<a/>' }],
    ['bytes', 'AQ==', { type: 'Bytes', value: new Uint8Array([1]) }],
    ['INTEGER', 5, { type: 'Integer', value: 5 }],
  ])('accepts %j and answers the capitalized name', (type, value, expected) => {
    expect(fromDto('v', { type, value })).toEqual(expected);
  });

  it('accepts lowercase date and object', () => {
    expect(fromDto('d', { type: 'date', value: '2031-06-01T09:30:00.000Z' }).type).toBe('Date');
    expect(fromDto('o', { type: 'object', value: '{}', valueInfo: { objectTypeName: 'X' } }).type).toBe('Object');
  });
});

describe('fromDto: inference without type', () => {
  it.each<[string, unknown, TypedValue]>([
    ['string', 'hello', { type: 'String', value: 'hello' }],
    ['date-looking string stays String', '2031-06-01T09:30:00.000+0000', { type: 'String', value: '2031-06-01T09:30:00.000+0000' }],
    ['boolean', false, { type: 'Boolean', value: false }],
    ['int32', 42, { type: 'Integer', value: 42 }],
    ['negative int32', -2147483648, { type: 'Integer', value: -2147483648 }],
    ['integer beyond int32', 2147483648, { type: 'Long', value: 2147483648 }],
    ['fraction', 1.5, { type: 'Double', value: 1.5 }],
    ['integer beyond int64', 1e20, { type: 'Double', value: 1e20 }],
    ['null', null, { type: 'Null', value: null }],
    ['missing value', undefined, { type: 'Null', value: null }],
    ['object', { a: [1] }, { type: 'Json', value: { a: [1] } }],
    ['array', [1, 2], { type: 'Json', value: [1, 2] }],
  ])('%s', (_label, value, expected) => {
    expect(fromDto('v', { value })).toEqual(expected);
    expect(fromDto('v', { value, type: null })).toEqual(expected);
  });

  it('keeps valueInfo on inferred values', () => {
    expect(fromDto('v', { value: 1, valueInfo: { transient: true } })).toEqual({
      type: 'Integer',
      value: 1,
      valueInfo: { transient: true },
    });
  });
});
