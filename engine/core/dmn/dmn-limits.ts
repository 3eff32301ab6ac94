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
   * work units one evaluation (the decision and those it requires) may spend over all its cells,
   * about 3 s of work: a literal cell costs a step, a cell feelin evaluates FEEL_CELL_STEPS (it
   * parses the text again), and FEEL charges what it reads and iterates (see EvaluationBudget)
   */
  maxStepsPerEvaluation: 1_000_000,
} as const;

/** what a cell evaluated by feelin costs beyond what it reads: parsing its text again, about 60 µs */
export const FEEL_CELL_STEPS = 20;
