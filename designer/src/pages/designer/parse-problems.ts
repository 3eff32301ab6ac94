import { ApiError } from '../../api/http';
import type { ParseProblem } from '../../api/engine-types';
import type { DeployProblem } from '../../bpmn/deploy-problems';
import { errorText } from '../../components/error-text';

/** The engine's 400 ParseException (`details.<resource>.errors[]`) as problems naming elements. */
export function deployProblemsOf(error: unknown): DeployProblem[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [{ elementId: null, message: errorText(error) }];
  const details = (error.details ?? {}) as Record<string, { errors?: ParseProblem[] }>;
  const problems = Object.entries(details).flatMap(([resourceName, resource]) =>
    (resource.errors ?? []).map((e) => ({
      elementId: e.mainElementId ?? e.elementIds?.[0] ?? null,
      // a form's problems name no element: the file tells which form
      message: resourceName.endsWith('.form') ? `${resourceName}: ${e.message}` : e.message,
    })),
  );
  return problems.length > 0 ? problems : [{ elementId: null, message: error.message }];
}
