import { typedValuesEqual, type TypedValue } from './index.js';

describe('typedValuesEqual', () => {
  it.each<[string, TypedValue, TypedValue]>([
    ['strings', { type: 'String', value: 'a' }, { type: 'String', value: 'a' }],
    ['Dates by instant', { type: 'Date', value: new Date(5) }, { type: 'Date', value: new Date(5) }],
    ['Bytes by content', { type: 'Bytes', value: new Uint8Array([1, 2]) }, { type: 'Bytes', value: new Uint8Array([1, 2]) }],
    ['Json regardless of key order', { type: 'Json', value: { a: 1, b: [1, { c: 2, d: 3 }] } }, { type: 'Json', value: { b: [1, { d: 3, c: 2 }], a: 1 } }],
    ['Long bigints', { type: 'Long', value: 2n ** 60n }, { type: 'Long', value: 2n ** 60n }],
    ['absent and empty valueInfo', { type: 'String', value: 'a' }, { type: 'String', value: 'a', valueInfo: {} }],
    ['nulls', { type: 'Null', value: null }, { type: 'Null', value: null }],
  ])('equal: %s', (_label, a, b) => {
    expect(typedValuesEqual(a, b)).toBe(true);
    expect(typedValuesEqual(b, a)).toBe(true);
  });

  it.each<[string, TypedValue, TypedValue]>([
    ['different types, same value', { type: 'Integer', value: 1 }, { type: 'Long', value: 1 }],
    ['Double vs Integer', { type: 'Double', value: 1 }, { type: 'Integer', value: 1 }],
    ['String vs Xml', { type: 'String', value: '<a/>' }, { type: 'Xml', value: '<a/>' }],
    ['different strings', { type: 'String', value: 'a' }, { type: 'String', value: 'b' }],
    ['different Dates', { type: 'Date', value: new Date(5) }, { type: 'Date', value: new Date(6) }],
    ['Date vs its text', { type: 'Date', value: new Date(5) }, { type: 'Date', value: '1970-01-01T00:00:00.005Z' }],
    ['different Bytes', { type: 'Bytes', value: new Uint8Array([1, 2]) }, { type: 'Bytes', value: new Uint8Array([1, 3]) }],
    ['shorter Bytes', { type: 'Bytes', value: new Uint8Array([1]) }, { type: 'Bytes', value: new Uint8Array([1, 0]) }],
    ['Json with an extra key', { type: 'Json', value: { a: 1 } }, { type: 'Json', value: { a: 1, b: 2 } }],
    ['Json array vs object', { type: 'Json', value: [] }, { type: 'Json', value: {} }],
    ['Json null vs {}', { type: 'Json', value: null }, { type: 'Json', value: {} }],
    ['different valueInfo', { type: 'Object', value: {}, valueInfo: { objectTypeName: 'A' } }, { type: 'Object', value: {}, valueInfo: { objectTypeName: 'B' } }],
    ['typed null vs value', { type: 'Integer', value: null }, { type: 'Integer', value: 0 }],
  ])('different: %s', (_label, a, b) => {
    expect(typedValuesEqual(a, b)).toBe(false);
    expect(typedValuesEqual(b, a)).toBe(false);
  });
});
