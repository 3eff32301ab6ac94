/**
 * How big a DMN resource may be, so a hostile file cannot make parsing or one evaluation stall the
 * service. The XML itself is bounded first (XmlLimits: bytes, elements, nesting); these bound what
 * the decisions hold.
 */
export const DMN_LIMITS = {
  /** decisions in one resource */
  maxDecisions: 500,
  /** rules of one decision table */
  maxRules: 5_000,
  /** inputs (or outputs) of one decision table */
  maxColumns: 100,
  /** entries of one decision table: rules × (inputs + outputs) */
  maxCells: 100_000,
  /** characters of one expression, entry or allowed-values text */
  maxTextLength: 10_000,
  /**
   * work units one decision's evaluation may spend over all its cells: each cell costs a step, and
   * FEEL charges what it reads and iterates (see EvaluationBudget)
   */
  maxStepsPerDecision: 1_000_000,
} as const;
