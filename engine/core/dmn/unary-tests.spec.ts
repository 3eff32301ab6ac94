import { languageOf } from './dmn-expressions.js';
import { parseDmn } from './index.js';
import { table } from './testing/dmn-builder.js';

/** does the input entry match the value? (one input, typeRef given, one rule) */
async function matches(entry: string, value: unknown, typeRef = '', inputVariable?: string): Promise<boolean> {
  const dmn = await parseDmn(
    table({ inputs: [{ expression: 'x', typeRef, ...(inputVariable ? { inputVariable } : {}) }], outputs: [{ name: 'hit', typeRef: 'boolean' }], rules: [[entry, 'true']] }),
    'spec.dmn',
  );
  return dmn.evaluate('decision', { x: value, limit: 10 }).result.length === 1;
}

describe('input entries: FEEL unary tests', () => {
  it.each<[string, unknown, boolean]>([
    ['-', 42, true],
    ['', 'anything', true],
    ['-', null, true],
    ['< 10', 9, true],
    ['< 10', 10, false],
    ['<= 10', 10, true],
    ['>= 5, < 2', 1, true],
    ['>= 5, < 2', 3, false],
    ['[1..10]', 1, true],
    ['[1..10]', 10, true],
    ['(1..10]', 1, false],
    ['[1..10)', 10, false],
    [']1..10[', 5, true],
    ['not(1, 2)', 3, true],
    ['not(1, 2)', 2, false],
    ['not([1..5])', 6, true],
    ['"a","b"', 'b', true],
    ['"a","b"', 'c', false],
    ['"a,b"', 'a,b', true],
    ['"a,b"', 'a', false],
    ['"a", "b,c"', 'b,c', true],
    ['null', null, true],
    ['null', 0, false],
    ['not(null)', 0, true],
    ['not(null)', null, false],
    ['< 10', null, false],
    ['"a"', null, false],
    ['true', true, true],
    ['true', false, false],
    ['false', false, true],
    ['? > 3', 5, true],
    ['? > 3', 2, false],
    ['contains(?, "x")', 'axb', true],
    ['< limit', 9, true],
    ['< limit', 11, false],
    ['cellInput > 3', 5, true],
  ])('%j with %j: %s', async (entry, value, expected) => {
    expect(await matches(entry, value)).toBe(expected);
  });

  it('names the input value by camunda:inputVariable', async () => {
    expect(await matches('amount * 2 > 10', 6, '', 'amount')).toBe(true);
    expect(await matches('amount * 2 > 10', 4, '', 'amount')).toBe(false);
  });

  describe('dates and durations', () => {
    const dateOf = (expression: string) => ({ inputs: [{ expression }], outputs: [{ name: 'hit', typeRef: 'boolean' }] });
    const run = async (expression: string, entry: string, variables: Record<string, unknown>) =>
      (await parseDmn(table({ ...dateOf(expression), rules: [[entry, 'true']] }), 'spec.dmn')).evaluate('decision', variables).result.length === 1;

    it('compares FEEL dates from an input expression', async () => {
      expect(await run('date(d)', 'date("2020-01-01")', { d: '2020-01-01' })).toBe(true);
      expect(await run('date(d)', '> date("2020-01-01")', { d: '2020-06-01' })).toBe(true);
      expect(await run('date(d)', '[date("2020-01-01")..date("2020-12-31")]', { d: '2021-01-01' })).toBe(false);
    });

    it('compares a Date variable (a date-time to FEEL) with date and time()', async () => {
      const d = new Date('2020-06-01T12:00:00Z');
      expect(await run('d', '> date and time("2020-01-01T00:00:00Z")', { d })).toBe(true);
      expect(await run('d', '< date and time("2020-01-01T00:00:00Z")', { d })).toBe(false);
    });

    it('compares durations', async () => {
      expect(await run('duration(p)', 'duration("P1D")', { p: 'P1D' })).toBe(true);
      expect(await run('duration(p)', '> duration("PT12H")', { p: 'P1D' })).toBe(true);
      expect(await run('duration(p)', '> duration("P2D")', { p: 'P1D' })).toBe(false);
    });
  });

  it('JUEL input expressions and entries when the expression language says juel', async () => {
    const dmn = await parseDmn(
      table({ inputs: [{ expression: 'x + 1', language: 'juel', typeRef: 'integer' }], outputs: [{ name: 'y', typeRef: 'integer' }], rules: [['> 5', 'cellInput * 2'.replace('cellInput', 'x')]] }),
      'spec.dmn',
    );
    expect(dmn.evaluate('decision', { x: 5 }).result).toEqual([{ y: 10 }]);
    expect(dmn.evaluate('decision', { x: 5 }).evaluations[0]!.inputs[0]!.value).toBe(6);
    expect(dmn.evaluate('decision', { x: 4 }).result).toEqual([]);
  });

  it('an input expression reading an unknown variable gives null', async () => {
    expect(await matches('null', undefined)).toBe(true);
  });
});

describe('expression languages', () => {
  it.each<[string, string | null]>([
    ['feel', 'feel'],
    ['FEEL', 'feel'],
    ['feel-scala', 'feel'],
    ['http://www.omg.org/spec/FEEL/20140401', 'feel'],
    ['https://www.omg.org/spec/DMN/20191111/FEEL/', 'feel'],
    ['juel', 'juel'],
    ['groovy', null],
    ['javascript', null],
  ])('%s → %s', (language, expected) => {
    expect(languageOf(language, 'feel')).toBe(expected);
  });

  it('an absent language is the default', () => {
    expect(languageOf(undefined, 'juel')).toBe('juel');
    expect(languageOf('  ', 'feel')).toBe('feel');
  });
});
