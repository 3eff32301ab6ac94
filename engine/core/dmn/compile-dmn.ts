import type { ModdleElement } from '../model/moddle-reader.js';
import type { CompiledDecision, CompiledLiteral, CompiledTable } from './compiled-dmn.js';
import type { DmnColumn, DmnDecision, DmnDefinitions } from './dmn-api.js';
import { compileDmnExpression, languageOf, type DmnLanguage } from './dmn-expressions.js';
import type { DmnIssues } from './dmn-issues.js';
import { compileDecisionTable } from './compile-decision-table.js';
import { compileText, isReservedName, many } from './compile-text.js';
import { DMN_LIMITS } from './dmn-limits.js';

export interface CompiledDefinitions {
  readonly definitions: DmnDefinitions;
  readonly decisions: ReadonlyMap<string, CompiledDecision>;
}

/** compiles every decision of a DMN definitions element; problems go to issues */
export function compileDefinitions(root: ModdleElement, issues: DmnIssues): CompiledDefinitions | null {
  const decisionsXml = many(root['drgElement']).filter((e) => e.$type === 'dmn:Decision');
  if (decisionsXml.length === 0) {
    issues.add(root.id ?? null, 'Expected at least one decision, but the DMN definitions have none');
    return null;
  }
  if (decisionsXml.length > DMN_LIMITS.maxDecisions) {
    issues.add(root.id ?? null, `Expected at most ${DMN_LIMITS.maxDecisions} decisions, but the definitions have ${decisionsXml.length}`);
    return null;
  }
  const defaultLanguage = languageOf(root['expressionLanguage'] as string | undefined, 'feel');
  if (defaultLanguage === null) issues.add(root.id ?? null, `Expected the expression language FEEL or JUEL, but found '${String(root['expressionLanguage'])}'`);
  const decisions = new Map<string, CompiledDecision>();
  for (const xml of decisionsXml) {
    if (!xml.id) {
      issues.add(null, `Expected every decision to have an id, but ${xml.name ? `'${xml.name}'` : 'one'} has none`);
      continue;
    }
    if (decisions.has(xml.id)) issues.add(xml.id, 'Expected decision ids to be unique, but this one is used more than once');
    const compiled = compileDecision(xml, defaultLanguage ?? 'feel', issues);
    if (compiled) decisions.set(xml.id, compiled);
  }
  checkRequirements(decisionsXml, issues);
  if (!issues.isEmpty) return null;
  const definitions: DmnDefinitions = {
    id: root.id ?? '',
    name: root.name ?? null,
    namespace: (root['namespace'] as string | undefined) ?? '',
    decisions: [...decisions.values()].map((d) => d.decision),
  };
  return { definitions, decisions };
}

function compileDecision(xml: ModdleElement, defaultLanguage: DmnLanguage, issues: DmnIssues): CompiledDecision | null {
  const id = xml.id!;
  const logicXml = xml['decisionLogic'] as ModdleElement | undefined;
  const variable = xml['variable'] as ModdleElement | undefined;
  const fallbackName = (variable?.name ?? '').trim() || id;
  const historyTimeToLive = historyTimeToLiveOf(xml, issues);
  let logic: CompiledTable | CompiledLiteral | null = null;
  if (logicXml?.$type === 'dmn:DecisionTable') {
    logic = compileDecisionTable(logicXml, { decisionId: id, fallbackName, defaultLanguage, issues });
  } else if (logicXml?.$type === 'dmn:LiteralExpression') {
    logic = compileLiteral(id, logicXml, variable, defaultLanguage, issues);
  } else {
    issues.add(id, `Expected the decision to hold a decision table or a literal expression, but it holds ${logicXml ? `${logicXml.$type.replace('dmn:', '')} logic` : 'neither'}`);
  }
  if (!logic) return null;
  const table = logic.kind === 'decisionTable' ? logic : null;
  const column = (c: { id: string; label: string | null; typeRef: string | null }, name: string | null): DmnColumn => ({ id: c.id, label: c.label, name, typeRef: c.typeRef });
  const decision: DmnDecision = {
    id,
    name: xml.name ?? null,
    versionTag: (xml['versionTag'] as string | undefined) ?? null,
    historyTimeToLive,
    requiredDecisions: requiredDecisionIds(xml),
    kind: logic.kind,
    inputs: table?.inputs.map((i) => column(i, i.expression.text)) ?? [],
    outputs: table ? table.outputs.map((o) => column(o, o.name)) : [],
    hitPolicy: table?.hitPolicy ?? null,
    aggregation: table?.aggregation ?? null,
    ruleIds: table?.rules.map((r) => r.id) ?? [],
  };
  return { decision, logic };
}

function compileLiteral(id: string, xml: ModdleElement, variable: ModdleElement | undefined, defaultLanguage: DmnLanguage, issues: DmnIssues): CompiledLiteral | null {
  const variableName = (variable?.name ?? '').trim();
  if (variableName === '') {
    issues.add(id, 'Expected a decision with a literal expression to have a variable (its result\'s name), but it has none');
    return null;
  }
  if (isReservedName(variableName)) {
    issues.add(id, `Expected a variable name the engine can hand on, but '${variableName}' is reserved`);
    return null;
  }
  const text = ((xml['text'] as string | undefined) ?? '').trim();
  const language = languageOf(xml['expressionLanguage'] as string | undefined, defaultLanguage);
  if (language === null) {
    issues.add(id, `Expected the expression language FEEL or JUEL, but found '${String(xml['expressionLanguage'])}'`);
    return null;
  }
  if (text === '') {
    issues.add(id, 'Expected a literal expression, but it is empty');
    return null;
  }
  const expression = compileText(text, { decisionId: id, issues }, {}, 'literal expression', (t) => compileDmnExpression(t, language));
  if (!expression) return null;
  return { kind: 'literalExpression', variableName, typeRef: (variable?.['typeRef'] as string | undefined) ?? null, expression };
}

/** camunda:historyTimeToLive in days: a number, or an ISO period of days (P30D) */
function historyTimeToLiveOf(xml: ModdleElement, issues: DmnIssues): number | null {
  const raw = ((xml['historyTimeToLive'] as string | undefined) ?? '').trim();
  if (raw === '') return null;
  const days = /^(\d{1,9})$/.exec(raw)?.[1] ?? /^P(\d{1,9})D$/i.exec(raw)?.[1];
  if (days === undefined) {
    issues.add(xml.id!, `Expected camunda:historyTimeToLive to be a number of days (30 or P30D), but found '${raw}'`);
    return null;
  }
  return Number(days);
}

function requiredDecisionIds(xml: ModdleElement): string[] {
  const ids: string[] = [];
  for (const requirement of many(xml['informationRequirement'])) {
    const href = (requirement['requiredDecision'] as ModdleElement | undefined)?.['href'] as string | undefined;
    if (href === undefined) continue;
    const id = href.slice(href.indexOf('#') + 1);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** every required decision exists in the resource, and no decision requires itself through others */
function checkRequirements(decisionsXml: readonly ModdleElement[], issues: DmnIssues): void {
  const required = new Map<string, string[]>();
  for (const xml of decisionsXml) if (xml.id) required.set(xml.id, requiredDecisionIds(xml));
  for (const [id, needs] of required) {
    for (const need of needs) {
      if (!required.has(need)) issues.add(id, `Expected the required decision '${need}' to exist in this resource, but it does not`);
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      if (!reported.has(id)) issues.add(id, `Expected required decisions to form no cycle, but ${cycle.map((c) => `'${c}'`).join(' requires ')}`);
      cycle.forEach((c) => reported.add(c));
      return;
    }
    state.set(id, 'visiting');
    for (const need of required.get(id) ?? []) if (required.has(need)) visit(need, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of required.keys()) visit(id, []);
}
