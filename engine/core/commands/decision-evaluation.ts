import { decisionHistoryOf, type EvaluationSite } from '../dmn/decision-history.js';
import type { DecisionDefinitionRecord } from '../dmn/decision-records.js';
import type { DecisionOutcome } from '../dmn/dmn-api.js';
import { EngineInvariantError } from '../errors/index.js';
import type { CommandScope } from './command-scope.js';

/** the evaluator refused the inputs or failed on them; callers say where (an element, a request) */
export class DecisionEvaluationFailure extends Error {
  constructor(readonly decision: DecisionDefinitionRecord, readonly reason: string) {
    super(`Could not evaluate decision '${decision.key}' (${decision.id}): ${reason}`);
    this.name = 'DecisionEvaluationFailure';
  }
}

/**
 * Evaluates a deployed decision inside the command: loads its DMN resource (parsed once, cached),
 * evaluates it on plain JS values, and writes a history row per evaluated decision in the
 * command's unit of work, so the evaluation commits (or not) with the rest of the command.
 */
export async function evaluateDecision(
  scope: CommandScope,
  definition: DecisionDefinitionRecord,
  variables: Readonly<Record<string, unknown>>,
  where: { readonly site: EvaluationSite | null; readonly userId: string | null },
): Promise<DecisionOutcome> {
  const model = await scope.services.decisions.model(definition.decisionRequirementsDefinitionId, definition.resourceName, async () => {
    const resource = await scope.tx.findResource(definition.deploymentId, definition.resourceName);
    if (!resource) throw new EngineInvariantError(`Expected resource '${definition.resourceName}' of decision '${definition.id}', but it is gone`);
    return resource.content;
  });
  let outcome: DecisionOutcome;
  try {
    // FEEL's now() and today() read the engine's clock (the database's time), as timers do
    outcome = model.evaluate(definition.key, variables, { now: () => scope.now() });
  } catch (error) {
    if (error instanceof EngineInvariantError || !(error instanceof Error)) throw error;
    throw new DecisionEvaluationFailure(definition, error.message);
  }
  const deployedWith = outcome.evaluations.length > 1 ? await scope.tx.decisionsOfRequirements(definition.decisionRequirementsDefinitionId) : [];
  for (const row of decisionHistoryOf(outcome, { definition, deployedWith, site: where.site, userId: where.userId, now: scope.now(), newId: () => scope.newId() })) {
    scope.unit.record({ table: 'decisionInstance', row });
  }
  return outcome;
}
