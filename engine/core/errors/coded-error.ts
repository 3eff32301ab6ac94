/** An error raised on purpose: its `code` is stable (README, *Error codes*), its message is for people. */
export abstract class CodedError extends Error {
  abstract readonly code: string;
}

/** The engine's codes and what each means (the README's table lists them with their HTTP status). */
export const ENGINE_ERROR_CODES = {
  ENGINE_MODEL_INVALID: 'a deployed model or form was refused; the body names the elements',
  ENGINE_NOT_FOUND: 'what the request names (definition, instance, task, job, deployment, ...) does not exist or is not visible',
  ENGINE_BAD_USER_REQUEST: 'the request does not fit the current state (a suspended definition, an empty batch selection, ...)',
  ENGINE_FORBIDDEN: 'a rule of the model or of task access refuses the acting user (four eyes, a task offered to other groups)',
  ENGINE_INVALID_REQUEST: 'a malformed body, query or path parameter; the message names it',
  ENGINE_CONFLICT: 'the request conflicts with the state of what it names',
  ENGINE_OPTIMISTIC_LOCK: 'another transaction changed the same instance first; retry',
  ENGINE_EXECUTION_FAILED: 'running the model failed (an expression, a missing called process, ...)',
  ENGINE_INVARIANT_BROKEN: 'a programming error in the engine',
  ENGINE_JOB_FAILED: 'POST /job/{id}/execute ran the job and the job failed; the failure is recorded on the job (retries, then an incident)',
  ENGINE_VARIABLE_INVALID: 'a variable value does not fit its type',
  ENGINE_EXPRESSION_INVALID: 'an expression cannot be parsed',
  ENGINE_EXPRESSION_FAILED: 'an expression cannot be evaluated',
  ENGINE_TIMER_INVALID: 'a timer definition (date, duration, cycle) cannot be understood',
  TASK_ALREADY_CLAIMED: 'the task is claimed by someone else',
  EXTERNAL_TASK_LOCKED_BY_OTHER: 'the external task is locked by another worker',
  EXTERNAL_TASK_LOCK_EXPIRED: "the external task's lock has expired",
  MESSAGE_NOT_CORRELATED: 'no waiting execution or start event matches the message (or more than one does)',
} as const;

export type EngineErrorCode = keyof typeof ENGINE_ERROR_CODES;
