/** Errors the engine raises. Adapters map them to HTTP status codes; nothing here knows HTTP. */

export interface ParseIssue {
  readonly elementId: string | null;
  readonly message: string;
}

/** A model (or a form deployed with it) was refused at deployment. */
export class ParseError extends Error {
  constructor(
    readonly resourceName: string | null,
    readonly issues: readonly ParseIssue[],
    /** what the resource was meant to be: 'BPMN process', 'form' */
    subject = 'BPMN process',
  ) {
    super(ParseError.describe(resourceName, issues, subject));
    this.name = 'ParseError';
  }

  private static describe(resourceName: string | null, issues: readonly ParseIssue[], subject: string): string {
    const where = resourceName ? ` in resource '${resourceName}'` : '';
    const lines = issues.map((i) => (i.elementId ? `element '${i.elementId}': ${i.message}` : i.message));
    return `ENGINE-09005 Could not parse ${subject}${where}: ${lines.join('; ')}`;
  }
}

/** The thing a request names does not exist. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A request is well-formed but not acceptable in the current state (bad value, wrong worker, ...). */
export class BadUserRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadUserRequestError';
  }
}

/** The acting user may not do this, by a rule of the model (four eyes): 403, not a client mistake. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A request's body or parameters are malformed. */
export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** Someone else changed the instance first; the processor retries the command on fresh state. */
export class OptimisticLockError extends Error {
  constructor(readonly entity: string, readonly id: string) {
    super(`Expected ${entity} '${id}' to be unchanged since it was read, but another transaction updated it`);
    this.name = 'OptimisticLockError';
  }
}

/**
 * Executing the model failed (an expression could not be evaluated, a called process does not exist, ...).
 * In a job it becomes a retry and then an incident; in a synchronous request the request fails with it.
 */
export class ExecutionError extends Error {
  constructor(
    message: string,
    readonly elementId: string | null = null,
  ) {
    super(message);
    this.name = 'ExecutionError';
  }
}

/** A programming error inside the engine: an invariant did not hold. */
export class EngineInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineInvariantError';
  }
}
