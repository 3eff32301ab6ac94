import { BadUserRequestError } from '../errors/index.js';
import type { CompiledExpression } from '../expressions/index.js';
import { evaluateFormRef } from '../behaviors/shared/form-ref.js';
import type { ProcessGraph } from '../model/graph.js';
import type { FormReference } from './deployed-form.js';

/**
 * The form of the process's none start event. There is no instance yet, so its expressions see
 * no variables (as in Camunda, where only beans are visible there).
 */
export function startFormReference(graph: ProcessGraph, now: () => Date): FormReference {
  const startId = graph.scope.noneStartEvent;
  const spec = startId ? graph.nodes.get(startId)?.userTask : null;
  if (!spec) return { formKey: null, formRef: null };
  const evaluate = (expression: CompiledExpression): unknown => {
    try {
      return expression.evaluate({ resolve: () => ({ found: false }), now });
    } catch (error) {
      throw new BadUserRequestError(`Expected the start form of '${graph.id}' to be known without variables, but '${expression.source}' failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const formKey = spec.formKey ? evaluate(spec.formKey) : null;
  return {
    formKey: formKey === null || formKey === undefined || formKey === '' ? null : String(formKey),
    formRef: spec.formRef ? evaluateFormRef(spec.formRef, evaluate, startId!) : null,
  };
}
