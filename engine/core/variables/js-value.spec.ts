import { fromDto, toJsValue, type TypedValue } from './index.js';

describe('toJsValue', () => {
  it.each<[string, TypedValue, unknown]>([
    ['String', { type: 'String', value: 'x' }, 'x'],
    ['Integer', { type: 'Integer', value: 1 }, 1],
    ['Short', { type: 'Short', value: 2 }, 2],
    ['Long', { type: 'Long', value: 3 }, 3],
    ['unsafe Long stays a bigint', { type: 'Long', value: 9007199254740993n }, 9007199254740993n],
    ['Double', { type: 'Double', value: 1.5 }, 1.5],
    ['Boolean', { type: 'Boolean', value: true }, true],
    ['Null', { type: 'Null', value: null }, null],
    ['typed null', { type: 'Integer', value: null }, null],
    ['Json', { type: 'Json', value: { a: [1] } }, { a: [1] }],
    ['Json scalar', { type: 'Json', value: 3 }, 3],
    ['Object', { type: 'Object', value: { k: 'v' }, valueInfo: { objectTypeName: 'X' } }, { k: 'v' }],
    ['Xml', { type: 'Xml', value: '<a/>' }, '<a/>'],
    ['Bytes', { type: 'Bytes', value: new Uint8Array([1]) }, new Uint8Array([1])],
  ])('%s', (_label, tv, expected) => {
    expect(toJsValue(tv)).toEqual(expected);
  });

  it('gives a Date for Date variables', () => {
    const value = toJsValue(fromDto('d', { type: 'Date', value: '2031-06-01T09:30:00.000+0000' }));
    expect(value).toBeInstanceOf(Date);
    expect((value as Date).getTime()).toBe(Date.UTC(2031, 5, 1, 9, 30));
  });

  it('gives parsed JSON for Json sent as text', () => {
    expect(toJsValue(fromDto('j', { type: 'json', value: '{"customer":{"vip":true}}' }))).toEqual({ customer: { vip: true } });
  });

  it('hands out copies of mutable values', () => {
    const json: TypedValue = { type: 'Json', value: { list: [1] } };
    (toJsValue(json) as { list: number[] }).list.push(2);
    expect(json.value).toEqual({ list: [1] });

    const date: TypedValue = { type: 'Date', value: new Date(0) };
    (toJsValue(date) as Date).setUTCFullYear(2000);
    expect((date.value as Date).getTime()).toBe(0);

    const bytes: TypedValue = { type: 'Bytes', value: new Uint8Array([1]) };
    (toJsValue(bytes) as Uint8Array)[0] = 9;
    expect((bytes.value as Uint8Array)[0]).toBe(1);
  });
});

describe('toJsValue on Json values (regression)', () => {
  it('hands out plain objects of this realm, so expressions can read their properties', () => {
    // structuredClone under jest builds objects of another realm; the copy must not
    const foreign = structuredClone({ contact: { owner: 'mary' }, tags: [{ name: 'vip' }] });
    const value = toJsValue({ type: 'Json', value: foreign }) as { contact: object; tags: object[] };
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.contact)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.tags[0])).toBe(Object.prototype);
    expect(value).toEqual({ contact: { owner: 'mary' }, tags: [{ name: 'vip' }] });
  });
});
