import { unaryTest } from 'feelin';
import { compileLiteralUnaryTests } from './literal-unary-tests.js';

const entries = [
  '"a"', '"a","b"', '"a,b"', '"a", "b,c"', 'not("a")', 'not("a", "b")',
  '1', '1, 2, 3', '-5', '2.5', 'not(1)', 'not(1, 2)',
  'true', 'false', 'null', 'not(null)', 'not(true)',
  '< 10', '<= 10', '> 10', '>= 10', '>= -2.5', '= 5', '!= 5', '= "a"', '!= "a"', '= null', '!= null', '< "m"', '>= "m"',
  '[1..10]', '(1..10]', '[1..10)', ']1..10[', '[10..1]', '(10..1]', '[-1..2]', '["a".."m"]', '("a".."m")',
  '>= 5, < 2', 'not(< 10)', 'not([1..5])', '"x", < 5', '"say \\"hi\\""', '.5', '"ü"', '007',
];
const values: unknown[] = [null, 0, 0.5, 1, 2, 2.5, 5, 7, 10, 11, -5, -3, 'a', 'b', 'b,c', 'a,b', 'm', 'z', '', 'say "hi"', 'ü', true, false];

describe('literal input entries compiled to predicates agree with feelin', () => {
  it.each(entries)('%s', (entry) => {
    const predicate = compileLiteralUnaryTests(entry);
    expect(predicate).not.toBeNull();
    for (const value of values) {
      const fast = predicate!(value);
      if (fast === undefined) continue;
      const feelin = unaryTest(entry, { '?': value }).value === true;
      expect({ entry, value, result: fast }).toEqual({ entry, value, result: feelin });
    }
  });

  it("answers most values of the literals' type itself", () => {
    expect(compileLiteralUnaryTests('< 10')!(5)).toBe(true);
    expect(compileLiteralUnaryTests('"a","b"')!('c')).toBe(false);
    expect(compileLiteralUnaryTests('[1..10)')!(10)).toBe(false);
  });

  it('leaves other entries and other values to feelin', () => {
    for (const entry of ['? > 3', 'x', 'date("2020-01-01")', '< limit', 'count(?) > 1', '[1..x]', 'cellInput']) {
      expect(compileLiteralUnaryTests(entry)).toBeNull();
    }
    expect(compileLiteralUnaryTests('< 10')!('text')).toBeUndefined();
    expect(compileLiteralUnaryTests('"a"')!(['a'])).toBeUndefined();
    expect(compileLiteralUnaryTests('"a"')!(new Date())).toBeUndefined();
  });
});
