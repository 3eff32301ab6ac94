import { fromDto, inferTypedValue, VariableValueError } from './index.js';
import { JSON_VALUE_LIMITS, jsonTextExceedsDepth, valueExceedsDepth } from './json-limits.js';

const deepText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { v: value };
  return value;
};

describe('limits of Json and Object variables', () => {
  it('scans JSON text and values for their depth without recursion', () => {
    expect(jsonTextExceedsDepth('{"a": [1, {"b": "[[[[\\"{{"}]}', 3)).toBe(false);
    expect(jsonTextExceedsDepth('{"a": [1, {"b": 2}]}', 2)).toBe(true);
    expect(jsonTextExceedsDepth(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 64)).toBe(true);
    expect(valueExceedsDepth(nested(64), 64)).toBe(false);
    expect(valueExceedsDepth(nested(65), 64)).toBe(true);
    expect(valueExceedsDepth(nested(200_000), 64)).toBe(true);
  });

  it.each([
    ['Json text', { type: 'Json', value: deepText(5000) }],
    ['a Json value', { type: 'Json', value: nested(5000) }],
    ['Object text', { type: 'Object', value: deepText(100), valueInfo: { objectTypeName: 'x.Y' } }],
    ['an untyped value', { value: nested(5000) }],
  ])('refuses %s nested too deep, naming the variable', (_, dto) => {
    expect(() => fromDto('order', dto)).toThrow(VariableValueError);
    expect(() => fromDto('order', dto)).toThrow(`Invalid value of variable 'order': expected JSON nested at most ${JSON_VALUE_LIMITS.maxDepth} deep`);
  });

  it('refuses Json longer than the limit and keeps what fits', () => {
    const long = JSON.stringify({ text: 'x'.repeat(JSON_VALUE_LIMITS.maxTextLength) });
    expect(() => fromDto('blob', { type: 'Json', value: long })).toThrow(`expected JSON of at most ${JSON_VALUE_LIMITS.maxTextLength} characters`);
    expect(() => fromDto('blob', { type: 'Json', value: JSON.parse(long) })).toThrow('blob');
    expect(() => inferTypedValue(JSON.parse(long), 'blob')).toThrow(VariableValueError);
    expect(fromDto('ok', { type: 'Json', value: JSON.stringify(nested(64)) }).value).toEqual(nested(64));
    expect(inferTypedValue({ a: [1, 2] }, 'ok')).toEqual({ type: 'Json', value: { a: [1, 2] } });
  });
});
