import { DecisionEvaluationError, parseDmn } from './index.js';
import { dmnDocument, literalDecision, table } from './testing/dmn-builder.js';

async function inputValue(typeRef: string, value: unknown): Promise<unknown> {
  const dmn = await parseDmn(table({ inputs: [{ id: 'amount', expression: 'x', typeRef }], outputs: [{ name: 'out' }], rules: [['-', '1']] }), 'spec.dmn');
  return dmn.evaluate('decision', { x: value }).evaluations[0]!.inputs[0]!.value;
}

describe('typed inputs and outputs (Camunda 7 conversion)', () => {
  it.each<[string, unknown, unknown]>([
    ['string', 'text', 'text'],
    ['string', 12, '12'],
    ['integer', 12, 12],
    ['integer', '12', 12],
    ['long', 9007199254740991, 9007199254740991],
    ['double', '1.5', 1.5],
    ['double', 2, 2],
    ['number', 2.5, 2.5],
    ['boolean', 'true', true],
    ['boolean', false, false],
    ['date', '2020-01-31T12:00:00', new Date('2020-01-31T12:00:00Z')],
    ['integer', null, null],
    ['unknownType', { a: 1 }, { a: 1 }],
  ])('%s accepts %j as %j', async (typeRef, value, expected) => {
    expect(await inputValue(typeRef, value)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['integer', 1.5],
    ['integer', 2 ** 31],
    ['integer', 'twelve'],
    ['long', 1.25],
    ['double', 'abc'],
    ['boolean', 'yes'],
    ['date', '31.01.2020'],
    ['string', { a: 1 }],
  ])('%s refuses %j with an error naming the input', async (typeRef, value) => {
    const failure = inputValue(typeRef, value);
    await expect(failure).rejects.toThrow(DecisionEvaluationError);
    await expect(failure).rejects.toThrow(new RegExp(`^Could not evaluate decision 'decision', input 'amount': Expected the input value to be .* \\(typeRef '${typeRef}'\\)`));
  });

  it('an output value that does not fit its type is an error naming the rule and output', async () => {
    const dmn = await parseDmn(table({ inputs: [{ expression: 'x' }], outputs: [{ id: 'count', name: 'count', typeRef: 'integer' }], rules: [['-', '"many"']] }), 'spec.dmn');
    expect(() => dmn.evaluate('decision', { x: 1 })).toThrow("Could not evaluate decision 'decision', rule 'rule1', output 'count': Expected the output value to be an integer (32 bits) (typeRef 'integer'), but it is 'many'");
  });

  it('an output outside its output values is an error; an input outside its input values too', async () => {
    const outputs = [{ id: 'status', name: 'status', typeRef: 'string', values: '"ok","failed"' }];
    const dmn = await parseDmn(table({ inputs: [{ id: 'kind', expression: 'x', values: '"a","b"' }], outputs, rules: [['"a"', '"ok"'], ['"b"', '"unknown"']] }), 'spec.dmn');
    expect(dmn.evaluate('decision', { x: 'a' }).result).toEqual([{ status: 'ok' }]);
    expect(() => dmn.evaluate('decision', { x: 'b' })).toThrow(`rule 'rule2', output 'status': Expected the output value to be one of its output values ('ok', 'failed'), but it is 'unknown'`);
    expect(() => dmn.evaluate('decision', { x: 'c' })).toThrow(`input 'kind': Expected the input value to be one of its input values ("a","b"), but it is 'c'`);
  });

  it('a FEEL date output becomes a Date; a duration its ISO text', async () => {
    const dmn = await parseDmn(
      table({ inputs: [{ expression: 'x' }], outputs: [{ name: 'd', typeRef: 'date' }, { name: 'p' }], rules: [['-', 'date("2020-01-31")', 'duration("P2D")']] }),
      'spec.dmn',
    );
    expect(dmn.evaluate('decision', { x: 1 }).result).toEqual([{ d: new Date('2020-01-31T00:00:00Z'), p: 'P2D' }]);
  });

  it('a literal expression decision: its variable name → the typed value', async () => {
    const dmn = await parseDmn(dmnDocument(literalDecision({ id: 'total', variable: 'total', typeRef: 'integer', text: 'a + b' })), 'spec.dmn');
    const outcome = dmn.evaluate('total', { a: 2, b: 3 });
    expect(outcome.result).toEqual([{ total: 5 }]);
    expect(outcome.evaluations).toEqual([{ decisionId: 'total', decisionName: 'total', hitPolicy: null, aggregation: null, inputs: [], matchedRules: [], collectResultValue: null, result: [{ total: 5 }] }]);
    expect(() => dmn.evaluate('total', { a: 2, b: 0.5 })).toThrow("Could not evaluate decision 'total': Expected the variable 'total' to be an integer (32 bits)");
  });
});

it("FEEL's today() and now() read the clock the caller passes", async () => {
  const dmn = await parseDmn(dmnDocument(literalDecision({ id: 'day', variable: 'day', text: 'string(today())' })), 'spec.dmn');
  expect(dmn.evaluate('day', {}, { now: () => new Date('2021-03-04T10:00:00Z') }).result).toEqual([{ day: '2021-03-04' }]);
});
