import { ApiError } from '../../api/http';
import type { DeployProblem } from '../../bpmn/deploy-problems';
import { errorText } from '../../components/error-text';
import { refusalProblemsOf } from './engine-problems';

/** The engine's 400 ParseException (`details.<resource>.errors[]` and `.warnings[]`) as problems naming elements. */
export function deployProblemsOf(error: unknown): DeployProblem[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [{ elementId: null, message: errorText(error), severity: 'error' }];
  const problems = refusalProblemsOf(error.details);
  return problems.some((p) => p.severity === 'error') ? problems : [{ elementId: null, message: error.message, severity: 'error' }, ...problems];
}
