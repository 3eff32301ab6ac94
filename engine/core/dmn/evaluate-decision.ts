import { EvaluationBudget } from '../expressions/budget.js';
import { NotFoundError } from '../errors/index.js';
import type { CompiledDecision, CompiledLiteral, CompiledTable } from './compiled-dmn.js';
import type { DecisionEvaluation, DecisionOutcome } from './dmn-api.js';
import { DecisionEvaluationError, type DecisionErrorSite } from './dmn-errors.js';
import type { DmnScope } from './dmn-expressions.js';
import { DMN_LIMITS } from './dmn-limits.js';
import { convertToType, describeValue, sameValue, toResultValue } from './dmn-types.js';
import { applyHitPolicy, type MatchedRule } from './hit-policies.js';

export interface EvaluateOptions {
  /** the engine clock, for FEEL's now() and today() */
  readonly now?: () => Date;
}

type Variables = Record<string, unknown>;

/**
 * Evaluates a decision and, first, the decisions it requires (depth first, each once), as Camunda 7
 * does: a required decision's result is added to the variables the others see, by output name (a
 * single result: its entries; several, or COLLECT / RULE ORDER: each output name → the list of values).
 */
export function evaluateDecision(
  decisions: ReadonlyMap<string, CompiledDecision>,
  decisionId: string,
  variables: Readonly<Record<string, unknown>>,
  options: EvaluateOptions = {},
): DecisionOutcome {
  const target = decisions.get(decisionId);
  if (!target) throw new NotFoundError(`No decision with id '${decisionId}' in the decision requirements graph`);
  const now = options.now ?? (() => new Date());
  const scopeVariables: Variables = Object.assign(Object.create(null) as Variables, variables);
  const evaluations: DecisionEvaluation[] = [];
  // one budget for the whole graph: a resource of many decisions cannot multiply the work
  const budget = new EvaluationBudget(DMN_LIMITS.maxStepsPerEvaluation);
  for (const decision of evaluationOrder(decisions, target)) {
    const evaluation = evaluateOne(decision, scopeVariables, now, budget);
    evaluations.push(evaluation);
    if (decision !== target) addResultToVariables(decision, evaluation, scopeVariables);
  }
  return { result: evaluations[evaluations.length - 1]!.result, evaluations };
}

function evaluationOrder(decisions: ReadonlyMap<string, CompiledDecision>, target: CompiledDecision): CompiledDecision[] {
  const order: CompiledDecision[] = [];
  const visit = (decision: CompiledDecision): void => {
    if (order.includes(decision)) return;
    for (const id of decision.decision.requiredDecisions) {
      const required = decisions.get(id);
      if (required) visit(required);
    }
    order.push(decision);
  };
  visit(target);
  return order;
}

function addResultToVariables(decision: CompiledDecision, evaluation: DecisionEvaluation, variables: Variables): void {
  const results = evaluation.result;
  if (results.length === 0) return;
  const listed = decision.logic.kind === 'decisionTable' && (decision.logic.hitPolicy === 'COLLECT' || decision.logic.hitPolicy === 'RULE ORDER');
  if (results.length === 1 && !listed) {
    Object.assign(variables, results[0]);
    return;
  }
  const names = new Set(results.flatMap((entry) => Object.keys(entry)));
  for (const name of names) variables[name] = results.filter((entry) => Object.hasOwn(entry, name)).map((entry) => entry[name]);
}

function evaluateOne(compiled: CompiledDecision, variables: Variables, now: () => Date, budget: EvaluationBudget): DecisionEvaluation {
  const scope = scopeOf(variables, now, budget);
  const { decision, logic } = compiled;
  const base = { decisionId: decision.id, decisionName: decision.name, hitPolicy: decision.hitPolicy, aggregation: decision.aggregation };
  if (logic.kind === 'literalExpression') return { ...base, ...evaluateLiteral(decision.id, logic, scope) };
  return { ...base, ...evaluateTable(decision.id, logic, variables, scope, now, budget) };
}

function scopeOf(variables: Variables, now: () => Date, budget: EvaluationBudget): DmnScope {
  return {
    resolve: (name) => (Object.hasOwn(variables, name) ? { found: true, value: variables[name] } : { found: false }),
    now,
    budget,
  };
}

type Evaluated = Omit<DecisionEvaluation, 'decisionId' | 'decisionName' | 'hitPolicy' | 'aggregation'>;

function evaluateLiteral(decisionId: string, literal: CompiledLiteral, scope: DmnScope): Evaluated {
  const raw = run(decisionId, {}, () => literal.expression.evaluate(scope));
  const value = toResultValue(typed(decisionId, raw, literal.typeRef, {}, `the variable '${literal.variableName}'`));
  return { inputs: [], matchedRules: [], collectResultValue: null, result: [{ [literal.variableName]: value }] };
}

function evaluateTable(decisionId: string, table: CompiledTable, variables: Variables, scope: DmnScope, now: () => Date, budget: EvaluationBudget): Evaluated {
  const inputValues = table.inputs.map((input) => {
    const site: DecisionErrorSite = { columnId: input.id, columnKind: 'input' };
    const raw = run(decisionId, site, () => input.expression.evaluate(scope));
    const value = typed(decisionId, raw, input.typeRef, site, 'the input value');
    if (input.allowed && value !== null && !run(decisionId, site, () => input.allowed!.matches(value, scope))) {
      throw new DecisionEvaluationError(decisionId, `Expected the input value to be one of its input values (${input.allowed.text}), but it is ${describeValue(toResultValue(value))}`, site);
    }
    return value;
  });
  // each input's entries see its value under its input variable (cellInput) and as `?`
  const entryScopes = table.inputs.map((input, index) => {
    const cellVariables: Variables = Object.assign(Object.create(null) as Variables, variables, { [input.inputVariable]: inputValues[index] });
    return scopeOf(cellVariables, now, budget);
  });
  const matches: MatchedRule[] = [];
  for (const rule of table.rules) {
    const applies = rule.inputEntries.every((entry, index) => {
      if (entry === null) return true;
      const site: DecisionErrorSite = { ruleId: rule.id, columnId: table.inputs[index]!.id, columnKind: 'input' };
      return run(decisionId, site, () => entry.matches(inputValues[index], entryScopes[index]!));
    });
    if (!applies) continue;
    const values = rule.outputEntries.map((entry, index) => {
      const output = table.outputs[index]!;
      const site: DecisionErrorSite = { ruleId: rule.id, columnId: output.id, columnKind: 'output' };
      const value = entry === null ? null : toResultValue(typed(decisionId, run(decisionId, site, () => entry.evaluate(scope)), output.typeRef, site, 'the output value'));
      if (output.allowedValues && value !== null && !output.allowedValues.some((allowed) => sameValue(allowed, value))) {
        const allowed = output.allowedValues.map(describeValue).join(', ');
        throw new DecisionEvaluationError(decisionId, `Expected the output value to be one of its output values (${allowed}), but it is ${describeValue(value)}`, site);
      }
      return value;
    });
    matches.push({ ruleId: rule.id, values });
    // FIRST needs no further rule (Camunda evaluates them all; only a failure in a later rule differs)
    if (table.hitPolicy === 'FIRST') break;
  }
  const { matched, aggregated } = applyHitPolicy(decisionId, table, matches);
  const result = aggregated
    ? [{ [aggregated.name]: aggregated.value }]
    : matched.map((m) => Object.fromEntries(table.outputs.map((output, index) => [output.name, m.values[index]])));
  return {
    inputs: table.inputs.map((input, index) => ({ id: input.id, label: input.label, typeRef: input.typeRef, value: toResultValue(inputValues[index]) })),
    // COLLECT with an aggregation records every matching rule, as Camunda's history does
    matchedRules: matched.map((m) => ({
      ruleId: m.ruleId,
      outputs: table.outputs.map((output, index) => ({ id: output.id, name: output.name, label: output.label, typeRef: output.typeRef, value: m.values[index] })),
    })),
    collectResultValue: aggregated?.value ?? null,
    result,
  };
}

/** converts a value to a column's type; a value that does not fit is an error naming the column */
function typed(decisionId: string, raw: unknown, typeRef: string | null, site: DecisionErrorSite, what: string): unknown {
  const conversion = convertToType(raw, typeRef);
  if (!conversion.ok) {
    throw new DecisionEvaluationError(decisionId, `Expected ${what} to be ${conversion.expected} (typeRef '${typeRef}'), but it is ${describeValue(toResultValue(raw))}`, site);
  }
  return conversion.value;
}

/** runs one expression; its failure becomes a DecisionEvaluationError naming the decision, rule and column */
function run<T>(decisionId: string, site: DecisionErrorSite, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof DecisionEvaluationError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new DecisionEvaluationError(decisionId, detail, site);
  }
}
