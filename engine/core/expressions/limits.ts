/**
 * The limits every expression lives within, so that no model and no variable can make one
 * evaluation stall the service or exhaust memory. Exceeding one at deployment is a refused model
 * (the element is named); at run time it is an expression evaluation failure like any other.
 */
export const EXPRESSION_LIMITS = {
  /** characters of one expression or script (the `${...}` template or `=` FEEL text) */
  maxSourceLength: 20_000,
  /** nesting of a FEEL expression's syntax tree (parentheses, lists, contexts, calls) */
  maxSyntaxDepth: 200,
  /**
   * work units one evaluation may spend: an element iterated or a value read costs one step per
   * element it holds (a string one per 256 characters); all of it is about 0.3 s of FEEL on an idle
   * 2-core machine (several times that under heavy load)
   */
  maxSteps: 100_000,
  /** characters of a string an expression builds (concatenation, replace, join, ...) */
  maxStringLength: 8 * 1024 * 1024,
  /** elements of a list an expression builds (ranges, split, concatenate, ...) */
  maxListLength: 100_000,
  /** characters of a regular expression pattern */
  maxRegexPatternLength: 1_000,
  /** characters of the text a regular expression runs on */
  maxRegexInputLength: 100_000,
} as const;

/** characters of a string that cost one step when an expression reads or passes it */
export const STRING_CHARS_PER_STEP = 256;
