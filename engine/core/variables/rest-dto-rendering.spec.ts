import { fromDto, toDto, toDtoMap, type TypedValue } from './index.js';

describe('toDto: each type', () => {
  it.each<[string, TypedValue, unknown]>([
    ['String', { type: 'String', value: 'hello' }, 'hello'],
    ['Integer', { type: 'Integer', value: 42 }, 42],
    ['Short', { type: 'Short', value: -3 }, -3],
    ['Long', { type: 'Long', value: 3000000000 }, 3000000000],
    ['Long beyond 2^53 as exact decimal text', { type: 'Long', value: 9007199254740993n }, '9007199254740993'],
    ['Double', { type: 'Double', value: 2.5 }, 2.5],
    ['integral Double stays a number', { type: 'Double', value: 5 }, 5],
    ['Boolean', { type: 'Boolean', value: false }, false],
    ['Date', { type: 'Date', value: new Date(Date.UTC(2031, 5, 1, 9, 30)) }, '2031-06-01T09:30:00.000+0000'],
    ['Null', { type: 'Null', value: null }, null],
    ['Json object', { type: 'Json', value: { id: 7, items: [1, 2] } }, '{"id":7,"items":[1,2]}'],
    ['Json scalar', { type: 'Json', value: 'text' }, '"text"'],
    ['Xml', { type: 'Xml', value: '<a/>' }, '<a/>'],
    ['Bytes', { type: 'Bytes', value: new Uint8Array([0, 1, 2, 255]) }, 'AAEC/w=='],
    ['typed null Integer', { type: 'Integer', value: null }, null],
    ['typed null Json', { type: 'Json', value: null }, null],
  ])('%s', (_label, tv, value) => {
    expect(toDto(tv)).toEqual({ value, type: tv.type, valueInfo: {} });
  });

  it('renders Json as serialized text whatever deserializeValues says', () => {
    const tv: TypedValue = { type: 'Json', value: { a: 1 } };
    expect(toDto(tv, { deserializeValues: true }).value).toBe('{"a":1}');
    expect(toDto(tv, { deserializeValues: false }).value).toBe('{"a":1}');
  });

  it('renders Object deserialized by default and serialized on request, with its valueInfo', () => {
    const valueInfo = { objectTypeName: 'com.acme.Order', serializationDataFormat: 'application/json' };
    const tv: TypedValue = { type: 'Object', value: { somekey: 'somevalue' }, valueInfo };
    expect(toDto(tv)).toEqual({ value: { somekey: 'somevalue' }, type: 'Object', valueInfo });
    expect(toDto(tv, { deserializeValues: true }).value).toEqual({ somekey: 'somevalue' });
    expect(toDto(tv, { deserializeValues: false })).toEqual({ value: '{"somekey":"somevalue"}', type: 'Object', valueInfo });
  });

  it('returns copies, so changing the DTO cannot change the variable', () => {
    const tv: TypedValue = { type: 'Object', value: { a: 1 }, valueInfo: { objectTypeName: 'X' } };
    const dto = toDto(tv);
    (dto.value as { a: number }).a = 2;
    dto.valueInfo.objectTypeName = 'Y';
    expect(tv).toEqual({ type: 'Object', value: { a: 1 }, valueInfo: { objectTypeName: 'X' } });
  });

  it('answers capitalized type names for lowercase input', () => {
    expect(toDto(fromDto('v', { type: 'integer', value: 1 })).type).toBe('Integer');
    expect(toDto(fromDto('v', { type: 'json', value: '{"a":1}' }))).toEqual({ type: 'Json', value: '{"a":1}', valueInfo: {} });
  });

  it('answers any accepted Date input in the Camunda format in UTC', () => {
    const tv = fromDto('d', { type: 'Date', value: '2031-06-01T11:30:00.123+02:00' });
    expect(toDto(tv).value).toBe('2031-06-01T09:30:00.123+0000');
  });

  it('round-trips every type through REST', () => {
    const dtos = [
      { type: 'String', value: 'x', valueInfo: {} },
      { type: 'Integer', value: -5, valueInfo: {} },
      { type: 'Long', value: '9223372036854775807', valueInfo: {} },
      { type: 'Short', value: 7, valueInfo: {} },
      { type: 'Double', value: 0.1, valueInfo: {} },
      { type: 'Boolean', value: true, valueInfo: {} },
      { type: 'Date', value: '2031-06-01T09:30:00.000+0000', valueInfo: {} },
      { type: 'Null', value: null, valueInfo: {} },
      { type: 'Json', value: '{"a":[1,{"b":null}]}', valueInfo: {} },
      { type: 'Xml', value: '<a/>', valueInfo: {} },
      { type: 'Bytes', value: 'aGVsbG8=', valueInfo: {} },
      { type: 'Object', value: '{"k":"v"}', valueInfo: { objectTypeName: 'X', serializationDataFormat: 'application/json' } },
      { type: 'String', value: 'kept', valueInfo: { transient: true } },
    ];
    for (const dto of dtos) {
      expect(toDto(fromDto('v', dto), { deserializeValues: false })).toEqual(dto);
    }
  });
});

describe('toDtoMap', () => {
  it('renders every entry in order', () => {
    const rendered = toDtoMap([
      ['amount', { type: 'Integer', value: 42 }],
      ['customer', { type: 'Json', value: { name: 'Ada' } }],
    ]);
    expect(Object.keys(rendered)).toEqual(['amount', 'customer']);
    expect(rendered).toEqual({
      amount: { value: 42, type: 'Integer', valueInfo: {} },
      customer: { value: '{"name":"Ada"}', type: 'Json', valueInfo: {} },
    });
  });

  it('accepts a Map and passes options through', () => {
    const vars = new Map<string, TypedValue>([['o', { type: 'Object', value: [1], valueInfo: { objectTypeName: 'L' } }]]);
    expect(toDtoMap(vars, { deserializeValues: false }).o!.value).toBe('[1]');
    expect(toDtoMap(vars).o!.value).toEqual([1]);
  });

  it('keeps a variable named __proto__ as an own property', () => {
    const rendered = toDtoMap([['__proto__', { type: 'String', value: 'x' }]]);
    expect(Object.keys(rendered)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(rendered))).toEqual(JSON.parse('{"__proto__":{"value":"x","type":"String","valueInfo":{}}}'));
  });

  it('renders an empty map as {}', () => {
    expect(toDtoMap([])).toEqual({});
  });
});
