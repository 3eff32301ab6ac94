import { DecisionEvaluationError, parseDmn } from './index.js';
import { table, type TableSpec } from './testing/dmn-builder.js';

async function evaluate(spec: Omit<TableSpec, 'inputs' | 'outputs'> & Partial<Pick<TableSpec, 'inputs' | 'outputs'>>, variables: Record<string, unknown>) {
  const dmn = await parseDmn(table({ inputs: [{ expression: 'x', typeRef: 'integer' }], outputs: [{ name: 'out', typeRef: 'string' }], ...spec }), 'spec.dmn');
  return dmn.evaluate('decision', variables);
}

const overlapping = [
  ['< 10', '"small"'],
  ['< 5', '"tiny"'],
  ['-', '"any"'],
];

describe('hit policies', () => {
  it('UNIQUE: one match is the result; none is an empty result', async () => {
    const rules = [['< 10', '"small"'], ['>= 10', '"large"']];
    expect((await evaluate({ rules }, { x: 3 })).result).toEqual([{ out: 'small' }]);
    expect((await evaluate({ rules: [['< 10', '"small"']] }, { x: 30 })).result).toEqual([]);
  });

  it('UNIQUE: more than one match is an error naming the rules', async () => {
    const failure = evaluate({ rules: overlapping }, { x: 3 });
    await expect(failure).rejects.toThrow(DecisionEvaluationError);
    await expect(failure).rejects.toThrow("Expected at most one rule to match (hit policy UNIQUE), but 3 did: 'rule1', 'rule2', 'rule3'");
  });

  it('FIRST: the first match in rule order', async () => {
    const outcome = await evaluate({ hitPolicy: 'FIRST', rules: overlapping }, { x: 3 });
    expect(outcome.result).toEqual([{ out: 'small' }]);
    expect(outcome.evaluations[0]!.matchedRules.map((r) => r.ruleId)).toEqual(['rule1']);
  });

  it('ANY: matches with the same outputs give one result; different outputs are an error', async () => {
    const same = [['< 10', '"yes"'], ['< 5', '"yes"'], ['> 20', '"no"']];
    expect((await evaluate({ hitPolicy: 'ANY', rules: same }, { x: 3 })).result).toEqual([{ out: 'yes' }]);
    await expect(evaluate({ hitPolicy: 'ANY', rules: overlapping }, { x: 3 })).rejects.toThrow(
      "Expected the matching rules to have the same outputs (hit policy ANY), but rules 'rule1' and 'rule2' differ",
    );
  });

  it('PRIORITY: the match whose output comes first in the output values', async () => {
    const outputs = [{ name: 'out', typeRef: 'string', values: '"high","medium","low"' }];
    const rules = [['< 10', '"low"'], ['< 5', '"high"'], ['-', '"medium"']];
    expect((await evaluate({ hitPolicy: 'PRIORITY', outputs, rules }, { x: 3 })).result).toEqual([{ out: 'high' }]);
    expect((await evaluate({ hitPolicy: 'PRIORITY', outputs, rules }, { x: 7 })).result).toEqual([{ out: 'medium' }]);
  });

  it('OUTPUT ORDER: every match, ordered by the output values; equal ranks keep rule order', async () => {
    const outputs = [{ name: 'out', typeRef: 'string', values: '"high","medium","low"' }, { name: 'n', typeRef: 'integer' }];
    const rules = [['< 10', '"low"', '1'], ['< 5', '"high"', '2'], ['-', '"low"', '3'], ['-', '"medium"', '4']];
    const outcome = await evaluate({ hitPolicy: 'OUTPUT ORDER', outputs, rules }, { x: 3 });
    expect(outcome.result).toEqual([{ out: 'high', n: 2 }, { out: 'medium', n: 4 }, { out: 'low', n: 1 }, { out: 'low', n: 3 }]);
  });

  it('RULE ORDER: every match in rule order', async () => {
    expect((await evaluate({ hitPolicy: 'RULE ORDER', rules: overlapping }, { x: 3 })).result).toEqual([{ out: 'small' }, { out: 'tiny' }, { out: 'any' }]);
  });

  it('COLLECT: every match, as a list', async () => {
    const outcome = await evaluate({ hitPolicy: 'COLLECT', rules: overlapping }, { x: 7 });
    expect(outcome.result).toEqual([{ out: 'small' }, { out: 'any' }]);
    expect(outcome.evaluations[0]!.collectResultValue).toBeNull();
  });

  describe('COLLECT with an aggregation: one entry under the output name, and collectResultValue', () => {
    const numbers = { outputs: [{ name: 'score', typeRef: 'integer' }], rules: [['< 10', '5'], ['< 5', '20'], ['-', '-3'], ['> 100', '1000']] };

    it.each([
      ['SUM', 22],
      ['MIN', -3],
      ['MAX', 20],
      ['COUNT', 3],
    ])('%s', async (aggregation, expected) => {
      const outcome = await evaluate({ hitPolicy: 'COLLECT', aggregation, ...numbers }, { x: 3 });
      expect(outcome.result).toEqual([{ score: expected }]);
      expect(outcome.evaluations[0]!.collectResultValue).toBe(expected);
      expect(outcome.evaluations[0]!.matchedRules.map((r) => r.ruleId)).toEqual(['rule1', 'rule2', 'rule3']);
    });

    it('COUNT of no match is 0; SUM of no match is no result', async () => {
      const none = { outputs: numbers.outputs, rules: [['> 100', '1']] };
      expect((await evaluate({ hitPolicy: 'COLLECT', aggregation: 'COUNT', ...none }, { x: 3 })).result).toEqual([{ score: 0 }]);
      const sum = await evaluate({ hitPolicy: 'COLLECT', aggregation: 'SUM', ...none }, { x: 3 });
      expect(sum.result).toEqual([]);
      expect(sum.evaluations[0]!.collectResultValue).toBeNull();
    });

    it('SUM of text is an error naming the output', async () => {
      const failure = evaluate({ hitPolicy: 'COLLECT', aggregation: 'SUM', outputs: [{ id: 'label', name: 'label' }], rules: [['-', '"a"']] }, { x: 1 });
      await expect(failure).rejects.toThrow("Could not evaluate decision 'decision', output 'label': Expected numbers to aggregate with SUM, but found 'a'");
    });
  });

  it('multiple outputs: each result entry holds every output by name', async () => {
    const outputs = [{ name: 'a', typeRef: 'string' }, { name: 'b', typeRef: 'integer' }];
    const outcome = await evaluate({ hitPolicy: 'RULE ORDER', outputs, rules: [['-', '"one"', '1'], ['-', '"two"', '']] }, { x: 1 });
    expect(outcome.result).toEqual([{ a: 'one', b: 1 }, { a: 'two', b: null }]);
  });
});
