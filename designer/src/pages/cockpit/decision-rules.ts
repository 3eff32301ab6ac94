/** A decision table's rules by id: their position (1-based, as the table shows them) and annotation. */
export interface RuleInfo {
  readonly position: number;
  readonly annotation: string | null;
}

export type RuleIndex = ReadonlyMap<string, RuleInfo>;

/**
 * The rules of the decision `decisionKey` in a deployed DMN (the history's ruleOrder counts the
 * matched rules, not the table's rows, so the position comes from the XML). Unreadable XML: no rules.
 */
export function ruleIndex(dmnXml: string, decisionKey: string): RuleIndex {
  if (!dmnXml) return new Map();
  const doc = new DOMParser().parseFromString(dmnXml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return new Map();
  const decision = [...doc.getElementsByTagNameNS('*', 'decision')].find((d) => d.getAttribute('id') === decisionKey);
  const table = decision && [...decision.children].find((c) => c.localName === 'decisionTable');
  if (!table) return new Map();
  const rules = [...table.children].filter((c) => c.localName === 'rule');
  return new Map(rules.map((rule, i) => {
    const description = [...rule.children].find((c) => c.localName === 'description')?.textContent?.trim();
    return [rule.getAttribute('id') ?? '', { position: i + 1, annotation: description || null }] as const;
  }));
}

/** "rule 2 (large orders)", or the rule's id when the table does not know it */
export function ruleText(ruleId: string, rules: RuleIndex | null): string {
  const info = rules?.get(ruleId);
  if (!info) return ruleId;
  return info.annotation ? `rule ${info.position} (${info.annotation})` : `rule ${info.position}`;
}
