import { ExecutionError } from '../../errors/index.js';
import type { CompiledExpression } from '../../expressions/index.js';
import type { CamundaFormRef } from '../../forms/form-definition.js';
import type { FormRefSpec } from '../../model/graph.js';

/** a task's `camunda:formRef` with its expressions evaluated, as Camunda keeps it on the task */
export function evaluateFormRef(spec: FormRefSpec, evaluate: (expression: CompiledExpression) => unknown, elementId: string): CamundaFormRef {
  const key = evaluate(spec.key);
  if (key === null || key === undefined || String(key).trim() === '') {
    throw new ExecutionError(`Expected camunda:formRef of '${elementId}' to name a form, but '${spec.key.source}' is empty`, elementId);
  }
  let version: number | null = null;
  if (spec.version) {
    const value = evaluate(spec.version);
    version = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isInteger(version) || version < 1) {
      throw new ExecutionError(`Expected camunda:formRefVersion of '${elementId}' to be a positive whole number, but got '${String(value)}'`, elementId);
    }
  }
  return { key: String(key).trim(), binding: spec.binding, version };
}
