/** A deploy-time rule: a stable id clients can match on, and where the BPMN 2.0 specification states it. */
export interface ModelRule {
  readonly id: string;
  /** section of the BPMN 2.0.2 specification (formal/13-12-09), e.g. '10.5.4' */
  readonly section: string;
  /** a refusal fails the deployment; a warning is reported with it */
  readonly severity: 'refusal' | 'warning';
}

export function modelRule(id: string, section: string, severity: ModelRule['severity']): ModelRule {
  return { id, section, severity };
}

/** the tail every rule's message ends with: "(BPMN 2.0 §10.5.4, rule link-catch-no-incoming)" */
export function citationOf(rule: Pick<ModelRule, 'id' | 'section'>): string {
  return `(BPMN 2.0 §${rule.section}, rule ${rule.id})`;
}
