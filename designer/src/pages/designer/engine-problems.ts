import type { ParseProblem } from '../../api/engine-types';
import type { DeployProblem } from '../../bpmn/deploy-problems';

/** what the engine reports per resource: a ParseException's `details` or a deployment's `warnings` */
export type ProblemsByResource = Readonly<Record<string, readonly ParseProblem[] | undefined>>;

/**
 * The engine's problems as rows naming elements, each once: a problem's message already names its
 * rule and section ("… (BPMN 2.0 §10.5.4, rule link-catch-no-incoming)"), so nothing is added to it.
 */
export function problemsOf(byResource: ProblemsByResource, severity: DeployProblem['severity']): DeployProblem[] {
  const problems = Object.entries(byResource).flatMap(([resourceName, items]) =>
    (items ?? []).map((p) => ({
      elementId: p.mainElementId ?? p.elementIds?.[0] ?? null,
      // a form's problems name no element: the file tells which form
      message: resourceName.endsWith('.form') ? `${resourceName}: ${p.message}` : p.message,
      severity,
    })),
  );
  return withoutRepeats(problems);
}

function withoutRepeats(problems: readonly DeployProblem[]): DeployProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.severity}\u0000${p.elementId ?? ''}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** a refusal's `details`: its errors, then the warnings found beside them */
export function refusalProblemsOf(details: unknown): DeployProblem[] {
  const resources = isRecord(details) ? details : {};
  const pick = (field: 'errors' | 'warnings'): ProblemsByResource =>
    Object.fromEntries(Object.entries(resources).map(([name, resource]) => [name, isRecord(resource) ? listOf(resource[field]) : []]));
  return [...problemsOf(pick('errors'), 'error'), ...problemsOf(pick('warnings'), 'warn')];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): ParseProblem[] => (Array.isArray(value) ? value.filter((p): p is ParseProblem => isRecord(p) && typeof p['message'] === 'string') : []);

