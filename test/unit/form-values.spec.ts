import { formDataOf, typedVariablesOf } from '../../designer/src/api/form-values.js';

describe('tasklist: Camunda Form values', () => {
  it('prefills form-js with plain values, Json parsed, Java objects left out', () => {
    expect(formDataOf({
      amount: { type: 'Long', value: 5000 },
      items: { type: 'Json', value: '[{"sku":"A"}]' },
      note: { type: 'String', value: 'x' },
      legacy: { type: 'Object', value: 'rO0ABX...' },
      nothing: { type: 'Null', value: null },
    })).toEqual({ amount: 5000, items: [{ sku: 'A' }], note: 'x', nothing: null });
  });

  it('types what form-js submits: String, Boolean, Long or Double, Json; dates stay strings', () => {
    expect(typedVariablesOf({ comment: 'ok', approved: false, count: 3, ratio: 0.25, tags: ['a'], address: { city: 'Oslo' }, due: '2031-06-01', cleared: null, untouched: undefined }, {})).toEqual({
      comment: { type: 'String', value: 'ok' },
      approved: { type: 'Boolean', value: false },
      count: { type: 'Long', value: 3 },
      ratio: { type: 'Double', value: 0.25 },
      tags: { type: 'Json', value: '["a"]' },
      address: { type: 'Json', value: '{"city":"Oslo"}' },
      due: { type: 'String', value: '2031-06-01' },
      cleared: { type: 'Null', value: null },
    });
  });

  it('keeps a whole number Integer or Short when the variable was one and the value fits', () => {
    const current = { small: { type: 'Short', value: 1 }, medium: { type: 'Integer', value: 1 }, big: { type: 'Integer', value: 1 }, text: { type: 'String', value: '1' } };
    expect(typedVariablesOf({ small: 300, medium: 70_000, big: 2 ** 31, text: 4 }, current)).toEqual({
      small: { type: 'Short', value: 300 },
      medium: { type: 'Integer', value: 70_000 },
      big: { type: 'Long', value: 2 ** 31 },
      text: { type: 'Long', value: 4 },
    });
  });

  it('leaves read-only fields out', () => {
    expect(typedVariablesOf({ amount: 5000, comment: 'ok' }, {}, new Set(['amount']))).toEqual({ comment: { type: 'String', value: 'ok' } });
  });
});
