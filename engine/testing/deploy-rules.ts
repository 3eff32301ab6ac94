import { ParseError, type ParseIssue } from '../core/errors/index.js';
import { EngineHarness } from './engine-harness.js';

/** what deploying one resource reports: refused (errors), or accepted with its warnings */
export interface DeployReport {
  readonly accepted: boolean;
  readonly errors: readonly ParseIssue[];
  readonly warnings: readonly ParseIssue[];
}

/** deploys `xml` on a fresh in-memory engine and reports errors and warnings */
export async function deployReport(xml: string): Promise<DeployReport> {
  const harness = new EngineHarness();
  try {
    const result = await harness.engine.deploy({
      name: 'spec', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false,
      resources: [{ name: 'model.bpmn', content: xml }],
    });
    return { accepted: true, errors: [], warnings: result.warnings['model.bpmn'] ?? [] };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { accepted: false, errors: error.issues, warnings: error.warnings };
  }
}

/** the rule ids a report names, errors and warnings apart, each "elementId: rule" */
export function ruleHits(issues: readonly ParseIssue[]): string[] {
  return issues.filter((i) => i.rule).map((i) => `${i.elementId ?? '(resource)'}: ${i.rule}`);
}
