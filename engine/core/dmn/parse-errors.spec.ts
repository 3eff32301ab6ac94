import { ParseError } from '../errors/index.js';
import { DMN_LIMITS, parseDmn } from './index.js';
import { dmnDocument, literalDecision, table, tableDecision, type TableSpec } from './testing/dmn-builder.js';

async function issuesOf(xml: string): Promise<string[]> {
  try {
    await parseDmn(xml, 'bad.dmn');
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toMatch(/^ENGINE-09005 Could not parse DMN decision model\. Errors: /);
    return (error as ParseError).issues.map((i) => `${i.elementId ?? '-'}: ${i.message}`);
  }
  throw new Error('expected a ParseError');
}

const simple: TableSpec = { inputs: [{ id: 'age', expression: 'age' }], outputs: [{ id: 'result', name: 'result' }], rules: [['< 18', '"minor"']] };

describe('DMN resources refused at parse, each problem named', () => {
  it('unparseable XML', async () => {
    expect(await issuesOf('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision')).toEqual([expect.stringMatching(/^-: Expected well-formed DMN XML, but/)]);
  });

  it('XML that is not DMN', async () => {
    expect(await issuesOf('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>')).toEqual([expect.stringMatching(/^-: Expected DMN 1.1, 1.2 or 1.3 XML/)]);
  });

  it('a DTD', async () => {
    expect(await issuesOf('<!DOCTYPE x [<!ENTITY a "b">]><definitions/>')).toEqual([expect.stringMatching(/no DOCTYPE/)]);
  });

  it('no decisions', async () => {
    expect(await issuesOf(dmnDocument())).toEqual(['definitions: Expected at least one decision, but the DMN definitions have none']);
  });

  it('a decision without decision table or literal expression', async () => {
    expect(await issuesOf(dmnDocument('<decision id="empty" name="Empty"/>'))).toEqual(['empty: Expected the decision to hold a decision table or a literal expression, but it holds neither']);
  });

  it('FEEL syntax errors in an input entry, an output entry and an input expression', async () => {
    const issues = await issuesOf(table({ ...simple, inputs: [{ id: 'age', expression: 'age +' }], rules: [['< 18 <', '"minor" +']] }));
    expect(issues).toEqual([
      expect.stringMatching(/^decision: input 'age': Expected a valid input expression, but 'age \+' is not/),
      expect.stringMatching(/^decision: rule 'rule1', input 'age': Expected a valid input entry, but '< 18 <' is not/),
      expect.stringMatching(/^decision: rule 'rule1', output 'result': Expected a valid output entry, but '"minor" \+' is not/),
    ]);
  });

  it('an unknown hit policy or aggregation; an aggregation without COLLECT', async () => {
    expect(await issuesOf(table({ ...simple, hitPolicy: 'SOMETIMES' }))).toEqual([expect.stringMatching(/^decision: Expected a hit policy of UNIQUE, .* but found 'SOMETIMES'/)]);
    expect(await issuesOf(table({ ...simple, hitPolicy: 'COLLECT', aggregation: 'AVG' }))).toEqual([expect.stringMatching(/^decision: Expected an aggregation of SUM, MIN, MAX, COUNT, but found 'AVG'/)]);
    expect(await issuesOf(table({ ...simple, hitPolicy: 'FIRST', aggregation: 'SUM' }))).toEqual([
      'decision: Expected an aggregation only with the hit policy COLLECT, but the hit policy is FIRST with the aggregation SUM',
    ]);
  });

  it('a rule with the wrong number of entries', async () => {
    expect(await issuesOf(table({ ...simple, rules: [['< 18', '"minor"'], ['>= 18']] }))).toEqual([
      "decision: rule 'rule2': Expected 1 input entries and 1 output entries (one per column), but the rule has 1 and 0",
    ]);
  });

  it('a required decision that does not exist, and a cycle', async () => {
    expect(await issuesOf(dmnDocument(tableDecision({ ...simple, requires: ['nowhere'] })))).toEqual([
      "decision: Expected the required decision 'nowhere' to exist in this resource, but it does not",
    ]);
    const cycle = dmnDocument(
      literalDecision({ id: 'a', variable: 'a', text: '1', requires: ['b'] }),
      literalDecision({ id: 'b', variable: 'b', text: '1', requires: ['c'] }),
      literalDecision({ id: 'c', variable: 'c', text: '1', requires: ['a'] }),
    );
    expect(await issuesOf(cycle)).toEqual(["a: Expected required decisions to form no cycle, but 'a' requires 'b' requires 'c' requires 'a'"]);
  });

  it('duplicate output names', async () => {
    const outputs = [{ id: 'o1', name: 'same' }, { id: 'o2', name: 'same' }];
    expect(await issuesOf(table({ ...simple, outputs, rules: [['-', '1', '2']] }))).toEqual([
      "decision: output 'o2': Expected output names to be unique, but 'same' is used more than once",
    ]);
  });

  it('PRIORITY without output values', async () => {
    expect(await issuesOf(table({ ...simple, hitPolicy: 'PRIORITY' }))).toEqual([expect.stringMatching(/^decision: Expected output values .* PRIORITY/)]);
  });

  it('an unknown expression language', async () => {
    expect(await issuesOf(table({ ...simple, inputs: [{ id: 'age', expression: 'age', language: 'groovy' }] }))).toEqual([
      "decision: input 'age': Expected the expression language FEEL or JUEL, but found 'groovy'",
    ]);
  });

  it('a literal expression decision without a variable', async () => {
    expect(await issuesOf(dmnDocument('<decision id="lit"><literalExpression><text>1</text></literalExpression></decision>'))).toEqual([
      "lit: Expected a decision with a literal expression to have a variable (its result's name), but it has none",
    ]);
  });

  describe('limits against hostile input', () => {
    it('an entry longer than the text limit', async () => {
      const long = `"${'a'.repeat(DMN_LIMITS.maxTextLength)}"`;
      expect(await issuesOf(table({ ...simple, rules: [[long, '1']] }))).toEqual([
        `decision: rule 'rule1', input 'age': Expected the input entry to have at most ${DMN_LIMITS.maxTextLength} characters, but it has ${long.length}`,
      ]);
    });

    it('more columns than allowed', async () => {
      const inputs = Array.from({ length: DMN_LIMITS.maxColumns + 1 }, (_, i) => ({ expression: `x${i}` }));
      expect(await issuesOf(table({ inputs, outputs: simple.outputs, rules: [] }))).toEqual([expect.stringMatching(/^decision: Expected at most 100 inputs and 100 outputs, but the table has 101 and 1/)]);
    });

    it('a document over the XML element limit', async () => {
      const rules = Array.from({ length: 7000 }, () => ['-', '1']);
      expect(await issuesOf(table({ ...simple, rules }))).toEqual([expect.stringMatching(/^-: Expected at most 20000 XML elements/)]);
    });

    it('an evaluation that would run without end is stopped by the budget', async () => {
      const dmn = await parseDmn(dmnDocument(literalDecision({ id: 'loop', variable: 'n', text: 'count(for i in 1..50000, j in 1..50000 return i)' })), 'spec.dmn');
      expect(() => dmn.evaluate('loop', {})).toThrow(/Could not evaluate decision 'loop': Expected .* (steps|list of at most)/);
    });
  });
});

describe('names the engine reserves', () => {
  it('an output, input variable or literal variable named like a JS prototype property is refused', async () => {
    expect(await issuesOf(table({ ...simple, outputs: [{ id: 'o', name: '__proto__' }] }))).toEqual([
      "decision: output 'o': Expected an output name the engine can hand on as a variable, but '__proto__' is reserved",
    ]);
    expect(await issuesOf(table({ ...simple, inputs: [{ id: 'age', expression: 'age', inputVariable: 'constructor' }] }))).toEqual([
      "decision: input 'age': Expected a camunda:inputVariable the engine can hand on as a variable, but 'constructor' is reserved",
    ]);
    expect(await issuesOf(dmnDocument(literalDecision({ id: 'lit', variable: '__meter_read', text: '1' })))).toEqual([
      "lit: Expected a variable name the engine can hand on, but '__meter_read' is reserved",
    ]);
  });
});

it('a decision whose logic is neither a decision table nor a literal expression is named', async () => {
  const xml = dmnDocument('<decision id="boxed"><context id="ctx"/></decision>');
  expect(await issuesOf(xml)).toEqual(['boxed: Expected the decision to hold a decision table or a literal expression, but it holds Context logic']);
});

it('XML that takes longer to read than the limit allows is refused', async () => {
  let now = 0;
  const slowClock = () => (now += 5000);
  await expect(parseDmn(table(simple), 'slow.dmn', { monotonicMs: slowClock })).rejects.toThrow(/Expected the XML to be read within 2000 ms, but it took 5000 ms/);
});
