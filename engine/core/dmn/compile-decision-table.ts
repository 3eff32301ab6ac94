import { EvaluationBudget } from '../expressions/budget.js';
import type { ModdleElement } from '../model/moddle-reader.js';
import { AGGREGATIONS, HIT_POLICIES, type Aggregation, type CompiledInput, type CompiledOutput, type CompiledRule, type CompiledTable, type HitPolicy } from './compiled-dmn.js';
import type { DecisionErrorSite } from './dmn-errors.js';
import { compileText, excerpt, isReservedName, many } from './compile-text.js';
import { compileDmnExpression, compileDmnUnaryTests, languageOf, type DmnLanguage } from './dmn-expressions.js';
import type { DmnIssues } from './dmn-issues.js';
import { DMN_LIMITS } from './dmn-limits.js';
import { toResultValue } from './dmn-types.js';

const DEFAULT_INPUT_VARIABLE = 'cellInput';

interface TableContext {
  readonly decisionId: string;
  /** the result key of a single nameless output */
  readonly fallbackName: string;
  readonly defaultLanguage: DmnLanguage;
  readonly issues: DmnIssues;
}

/** compiles a decisionTable; problems go to issues (the result is then not used) */
export function compileDecisionTable(table: ModdleElement, context: TableContext): CompiledTable | null {
  const { decisionId, issues } = context;
  const inputsXml = many(table['input']);
  const outputsXml = many(table['output']);
  const rulesXml = many(table['rule']);
  const before = issues.list.length;
  if (inputsXml.length > DMN_LIMITS.maxColumns || outputsXml.length > DMN_LIMITS.maxColumns) {
    issues.add(decisionId, `Expected at most ${DMN_LIMITS.maxColumns} inputs and ${DMN_LIMITS.maxColumns} outputs, but the table has ${inputsXml.length} and ${outputsXml.length}`);
  }
  if (rulesXml.length > DMN_LIMITS.maxRules) issues.add(decisionId, `Expected at most ${DMN_LIMITS.maxRules} rules, but the table has ${rulesXml.length}`);
  const cells = rulesXml.length * (inputsXml.length + outputsXml.length);
  if (cells > DMN_LIMITS.maxCells) issues.add(decisionId, `Expected at most ${DMN_LIMITS.maxCells} entries (rules × columns), but the table has ${cells}`);
  if (issues.list.length > before) return null;

  const hitPolicy = hitPolicyOf(table, context);
  const aggregation = aggregationOf(table, hitPolicy, context);
  if (outputsXml.length === 0) issues.add(decisionId, 'Expected the decision table to have at least one output, but it has none');
  if (aggregation !== null && outputsXml.length > 1) {
    issues.add(decisionId, `Expected a single output with the aggregation ${aggregation}, but the table has ${outputsXml.length}`);
  }
  const inputs = inputsXml.map((input, index) => compileInput(input, index, context));
  const outputs = compileOutputs(outputsXml, context);
  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && outputs.every((o) => o?.allowedValues === null)) {
    issues.add(decisionId, `Expected output values (an ordered list of allowed values) on an output, since the hit policy ${hitPolicy} ranks matches by them, but no output has any`);
  }
  const columns = {
    inputIds: inputsXml.map((input, index) => input.id ?? `input${index + 1}`),
    outputIds: outputsXml.map((output, index) => output.id ?? `output${index + 1}`),
  };
  const rules = rulesXml.map((rule, index) => compileRule(rule, index, columns, context));
  if (issues.list.length > before || hitPolicy === null) return null;
  return {
    kind: 'decisionTable',
    hitPolicy,
    aggregation,
    inputs: inputs as CompiledInput[],
    outputs: outputs as CompiledOutput[],
    rules: rules as CompiledRule[],
  };
}

function hitPolicyOf(table: ModdleElement, { decisionId, issues }: TableContext): HitPolicy | null {
  const raw = (table['hitPolicy'] as string | undefined) ?? 'UNIQUE';
  const hitPolicy = HIT_POLICIES.find((known) => known === raw.trim().toUpperCase());
  if (!hitPolicy) issues.add(decisionId, `Expected a hit policy of ${HIT_POLICIES.join(', ')}, but found '${raw}'`);
  return hitPolicy ?? null;
}

function aggregationOf(table: ModdleElement, hitPolicy: HitPolicy | null, { decisionId, issues }: TableContext): Aggregation | null {
  const raw = table['aggregation'] as string | undefined;
  if (raw === undefined || raw === '') return null;
  const aggregation = AGGREGATIONS.find((known) => known === raw.trim().toUpperCase());
  if (!aggregation) {
    issues.add(decisionId, `Expected an aggregation of ${AGGREGATIONS.join(', ')}, but found '${raw}'`);
    return null;
  }
  if (hitPolicy !== null && hitPolicy !== 'COLLECT') {
    issues.add(decisionId, `Expected an aggregation only with the hit policy COLLECT, but the hit policy is ${hitPolicy} with the aggregation ${aggregation}`);
  }
  return aggregation;
}

function compileInput(input: ModdleElement, index: number, context: TableContext): CompiledInput | null {
  const { decisionId, issues } = context;
  const id = input.id ?? `input${index + 1}`;
  const site: DecisionErrorSite = { columnId: id, columnKind: 'input' };
  const inputExpression = input['inputExpression'] as ModdleElement | undefined;
  const text = ((inputExpression?.['text'] as string | undefined) ?? '').trim();
  if (text === '') {
    issues.add(decisionId, 'Expected an input expression, but it is empty', site);
    return null;
  }
  const language = languageAt(inputExpression?.['expressionLanguage'], context, site);
  const expression = language && compileText(text, context, site, 'input expression', (t) => compileDmnExpression(t, language));
  const allowedText = ((input['inputValues'] as ModdleElement | undefined)?.['text'] as string | undefined) ?? '';
  const allowed = compileText(allowedText, context, site, 'input values', (t) => compileDmnUnaryTests(t, 'feel'));
  const inputVariable = ((input['inputVariable'] as string | undefined) ?? '').trim() || DEFAULT_INPUT_VARIABLE;
  if (isReservedName(inputVariable)) {
    issues.add(decisionId, `Expected a camunda:inputVariable the engine can hand on as a variable, but '${inputVariable}' is reserved`, site);
    return null;
  }
  if (!expression || allowed === undefined) return null;
  return {
    id,
    label: (input['label'] as string | undefined) ?? null,
    typeRef: (inputExpression?.['typeRef'] as string | undefined) ?? null,
    expression,
    inputVariable,
    allowed,
  };
}

function compileOutputs(outputsXml: readonly ModdleElement[], context: TableContext): (CompiledOutput | null)[] {
  const { decisionId, issues } = context;
  const seen = new Set<string>();
  return outputsXml.map((output, index) => {
    const id = output.id ?? `output${index + 1}`;
    const site: DecisionErrorSite = { columnId: id, columnKind: 'output' };
    let name = (output.name ?? '').trim();
    if (name === '') {
      if (outputsXml.length > 1) issues.add(decisionId, 'Expected a name on each output of a table with several outputs, but this one has none', site);
      name = context.fallbackName;
    }
    if (isReservedName(name)) issues.add(decisionId, `Expected an output name the engine can hand on as a variable, but '${name}' is reserved`, site);
    if (seen.has(name)) issues.add(decisionId, `Expected output names to be unique, but '${name}' is used more than once`, site);
    seen.add(name);
    const allowedText = (((output['outputValues'] as ModdleElement | undefined)?.['text'] as string | undefined) ?? '').trim();
    const allowedValues = allowedText === '' ? null : outputValuesOf(allowedText, context, site);
    return {
      id,
      label: (output['label'] as string | undefined) ?? null,
      name,
      typeRef: (output['typeRef'] as string | undefined) ?? null,
      allowedValues: allowedValues ?? null,
    };
  });
}

/** output values are a list of literals ("a","b"): evaluated once, here, in order */
function outputValuesOf(text: string, context: TableContext, site: DecisionErrorSite): readonly unknown[] | undefined {
  const compiled = compileText(text, context, site, 'output values', (t) => compileDmnExpression(`[${t}]`, 'feel'));
  if (!compiled) return undefined;
  try {
    const budget = new EvaluationBudget(DMN_LIMITS.maxStepsPerEvaluation);
    const values = compiled.evaluate({ resolve: () => ({ found: false }), now: () => new Date(0), budget });
    if (Array.isArray(values) && values.every((v) => v !== null)) return values.map(toResultValue);
  } catch {
    // reported below
  }
  context.issues.add(context.decisionId, `Expected output values to be a list of literal values like "a","b", but found '${excerpt(text)}'`, site);
  return undefined;
}

function compileRule(
  rule: ModdleElement,
  index: number,
  { inputIds, outputIds }: { readonly inputIds: readonly string[]; readonly outputIds: readonly string[] },
  context: TableContext,
): CompiledRule | null {
  const { decisionId, issues } = context;
  const id = rule.id ?? `rule${index + 1}`;
  const inputEntriesXml = many(rule['inputEntry']);
  const outputEntriesXml = many(rule['outputEntry']);
  if (inputEntriesXml.length !== inputIds.length || outputEntriesXml.length !== outputIds.length) {
    issues.add(
      decisionId,
      `Expected ${inputIds.length} input entries and ${outputIds.length} output entries (one per column), but the rule has ${inputEntriesXml.length} and ${outputEntriesXml.length}`,
      { ruleId: id },
    );
    return null;
  }
  const inputEntries = inputEntriesXml.map((entry, column) => {
    const site: DecisionErrorSite = { ruleId: id, columnId: inputIds[column]!, columnKind: 'input' };
    const language = languageAt(entry['expressionLanguage'], context, site);
    return language ? compileText((entry['text'] as string | undefined) ?? '', context, site, 'input entry', (t) => compileDmnUnaryTests(t, language)) : undefined;
  });
  const outputEntries = outputEntriesXml.map((entry, column) => {
    const site: DecisionErrorSite = { ruleId: id, columnId: outputIds[column]!, columnKind: 'output' };
    const text = ((entry['text'] as string | undefined) ?? '').trim();
    if (text === '') return null;
    const language = languageAt(entry['expressionLanguage'], context, site);
    return language ? compileText(text, context, site, 'output entry', (t) => compileDmnExpression(t, language)) : undefined;
  });
  if (inputEntries.includes(undefined) || outputEntries.includes(undefined)) return null;
  return { id, inputEntries: inputEntries as CompiledRule['inputEntries'], outputEntries: outputEntries as CompiledRule['outputEntries'] };
}

function languageAt(raw: unknown, context: TableContext, site: DecisionErrorSite): DmnLanguage | null {
  const language = languageOf(raw as string | undefined, context.defaultLanguage);
  if (language === null) context.issues.add(context.decisionId, `Expected the expression language FEEL or JUEL, but found '${String(raw)}'`, site);
  return language;
}
