/**
 * Errors the engine raises. Adapters map them to HTTP status codes; nothing here knows HTTP.
 * Each carries a stable `code` (README, *Error codes*): clients match on it, never on the message.
 */

export { CodedError, ENGINE_ERROR_CODES, type EngineErrorCode } from './coded-error.js';
import { CodedError, type EngineErrorCode } from './coded-error.js';

export interface ParseIssue {
  readonly elementId: string | null;
  readonly message: string;
  /** the deploy-time rule that found it (README, *Deploy-time validation*), when one did */
  readonly rule?: string;
  /** where the BPMN 2.0 specification states the rule, e.g. '10.5.4' */
  readonly section?: string;
}

/** A model (or a form deployed with it) was refused at deployment. */
export class ParseError extends CodedError {
  readonly code = 'ENGINE_MODEL_INVALID';

  constructor(
    readonly resourceName: string | null,
    readonly issues: readonly ParseIssue[],
    /** what the resource was meant to be: 'BPMN process', 'form' */
    subject = 'BPMN process',
    /** what is legal but suspicious in the resource: reported beside the errors, never a reason to refuse */
    readonly warnings: readonly ParseIssue[] = [],
  ) {
    super(ParseError.describe(resourceName, issues, subject));
    this.name = 'ParseError';
  }

  /**
   * Camunda's wording up to "Errors:": the Camunda Modeler recognises a refused diagram by the
   * prefix `ENGINE-09005 Could not parse BPMN process.` and shows the rest in its log.
   */
  private static describe(resourceName: string | null, issues: readonly ParseIssue[], subject: string): string {
    const where = resourceName ? ` | resource '${resourceName}'` : '';
    const lines = issues.map((i) => `\n* ${i.elementId ? `element '${i.elementId}': ` : ''}${i.message}${where}`);
    return `ENGINE-09005 Could not parse ${subject}. Errors: ${lines.join('')}`;
  }
}

/** The thing a request names does not exist. `code`: a more specific one than ENGINE_NOT_FOUND (the CRM's own). */
export class NotFoundError extends CodedError {
  constructor(
    message: string,
    readonly code: string = 'ENGINE_NOT_FOUND' satisfies EngineErrorCode,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A request is well-formed but not acceptable in the current state (bad value, wrong worker, ...). */
export class BadUserRequestError extends CodedError {
  constructor(
    message: string,
    readonly code: string = 'ENGINE_BAD_USER_REQUEST' satisfies EngineErrorCode,
  ) {
    super(message);
    this.name = 'BadUserRequestError';
  }
}

/** The acting user may not do this, by a rule of the model (four eyes) or of record access: 403, not a client mistake. */
export class ForbiddenError extends CodedError {
  constructor(
    message: string,
    readonly code: string = 'ENGINE_FORBIDDEN' satisfies EngineErrorCode,
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A request's body or parameters are malformed, or name what cannot be (a missing record in a body). */
export class InvalidRequestError extends CodedError {
  constructor(
    message: string,
    readonly code: string = 'ENGINE_INVALID_REQUEST' satisfies EngineErrorCode,
  ) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** A request conflicts with the state of what it names (a unique value taken, a rule of the record's state): 409. */
export class ConflictError extends CodedError {
  constructor(
    message: string,
    readonly code: string = 'ENGINE_CONFLICT' satisfies EngineErrorCode,
    /** fields the answer carries beside type, message and code (the CRM's likely duplicates) */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Someone else changed the instance first; the processor retries the command on fresh state. */
export class OptimisticLockError extends CodedError {
  readonly code = 'ENGINE_OPTIMISTIC_LOCK';

  constructor(readonly entity: string, readonly id: string) {
    super(`Expected ${entity} '${id}' to be unchanged since it was read, but another transaction updated it`);
    this.name = 'OptimisticLockError';
  }
}

/**
 * Executing the model failed (an expression could not be evaluated, a called process does not exist, ...).
 * In a job it becomes a retry and then an incident; in a synchronous request the request fails with it.
 */
export class ExecutionError extends CodedError {
  readonly code = 'ENGINE_EXECUTION_FAILED';

  constructor(
    message: string,
    readonly elementId: string | null = null,
  ) {
    super(message);
    this.name = 'ExecutionError';
  }
}

/** A programming error inside the engine: an invariant did not hold. */
export class EngineInvariantError extends CodedError {
  readonly code = 'ENGINE_INVARIANT_BROKEN';

  constructor(message: string) {
    super(message);
    this.name = 'EngineInvariantError';
  }
}

/**
 * A job run on request (POST /job/{id}/execute) failed. The failure is already recorded on the job
 * (retries, then an incident); this tells the caller, as Camunda 7 does. Only a deliberate (coded)
 * failure's words are repeated: anything else may hold a driver's text, so it stays on the job.
 */
export class JobFailedError extends CodedError {
  readonly code = 'ENGINE_JOB_FAILED';

  constructor(
    readonly jobId: string,
    readonly failure: unknown,
  ) {
    super(
      failure instanceof CodedError
        ? `Job '${jobId}' failed: ${failure.message}`
        : `Job '${jobId}' failed; its exception message and stack trace are on the job (GET /job/${jobId}, /job/${jobId}/stacktrace)`,
    );
    this.name = 'JobFailedError';
  }
}
