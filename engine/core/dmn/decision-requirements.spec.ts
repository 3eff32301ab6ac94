import { NotFoundError } from '../errors/index.js';
import { parseDmn } from './index.js';
import { dmnDocument, literalDecision, tableDecision } from './testing/dmn-builder.js';

describe('decision requirements graphs (Camunda 7: required results by output name)', () => {
  const xml = dmnDocument(
    tableDecision({
      id: 'dish',
      requires: ['season', 'guests'],
      inputs: [{ expression: 'season' }, { expression: 'guestCount', typeRef: 'integer' }],
      outputs: [{ name: 'dish' }],
      rules: [['"Winter"', '> 4', '"Roast"'], ['"Winter"', '<= 4', '"Stew"'], ['-', '-', '"Salad"']],
      hitPolicy: 'FIRST',
    }),
    tableDecision({ id: 'season', inputs: [{ expression: 'month', typeRef: 'integer' }], outputs: [{ name: 'season' }], rules: [['12, [1..2]', '"Winter"'], ['-', '"Other"']], hitPolicy: 'FIRST' }),
    literalDecision({ id: 'guests', variable: 'guestCount', typeRef: 'integer', text: 'adults + children', requires: ['season'] }),
    tableDecision({ id: 'tags', hitPolicy: 'COLLECT', inputs: [{ expression: 'month' }], outputs: [{ name: 'tag' }], rules: [['-', '"a"']] }),
    tableDecision({ id: 'tagged', requires: ['tags'], inputs: [{ expression: 'tag' }], outputs: [{ name: 'count', typeRef: 'integer' }], rules: [['-', 'count(tag)']] }),
  );

  it('evaluates required decisions first, each once, and lists them before the decision asked for', async () => {
    const dmn = await parseDmn(xml, 'dinner.dmn');
    const outcome = dmn.evaluate('dish', { month: 1, adults: 3, children: 2 });
    expect(outcome.result).toEqual([{ dish: 'Roast' }]);
    expect(outcome.evaluations.map((e) => e.decisionId)).toEqual(['season', 'guests', 'dish']);
    expect(outcome.evaluations[1]!.result).toEqual([{ guestCount: 5 }]);
    expect(dmn.evaluate('dish', { month: 1, adults: 1, children: 1 }).result).toEqual([{ dish: 'Stew' }]);
    expect(dmn.evaluate('dish', { month: 6, adults: 1, children: 1 }).result).toEqual([{ dish: 'Salad' }]);
  });

  it('a COLLECT decision hands its outputs on as lists', async () => {
    const dmn = await parseDmn(xml, 'dinner.dmn');
    const outcome = dmn.evaluate('tagged', { month: 1 });
    expect(outcome.evaluations[1]!.inputs[0]!.value).toEqual(['a']);
    expect(outcome.result).toEqual([{ count: 1 }]);
  });

  it('an unknown decision id is NotFoundError', async () => {
    const dmn = await parseDmn(xml, 'dinner.dmn');
    expect(() => dmn.evaluate('nothing', {})).toThrow(NotFoundError);
  });

  it('a failure in a required decision names that decision', async () => {
    const dmn = await parseDmn(xml, 'dinner.dmn');
    expect(() => dmn.evaluate('dish', { month: 1, adults: 1.5, children: 0 })).toThrow(/^Could not evaluate decision 'guests'/);
  });
});
