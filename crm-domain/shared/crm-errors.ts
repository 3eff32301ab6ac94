import { CodedError, ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../../engine/core/errors/index.js';

/** The CRM's codes and what each means (the README's table lists them with their HTTP status). */
export const CRM_ERROR_CODES = {
  CRM_NOT_FOUND: 'the record does not exist, or the caller does not see it (answered alike)',
  CRM_INVALID_REQUEST: 'a malformed body or query; the message names the field',
  CRM_UNKNOWN_REFERENCE: 'a body names a record, user or team that does not exist or that the caller does not see',
  CRM_INVALID_STATE: "the record's state does not allow this (a converted lead, a resolved complaint, a company's last contact, a team with members, ...)",
  CRM_EMAIL_TAKEN: "another user has this email",
  CRM_DUPLICATE: 'a record with these unique values exists',
  CRM_LIKELY_DUPLICATE: 'the new record looks like records the caller sees (`candidates`, each with the rules it matched); repeat with `?confirmDuplicate=true` to create it anyway',
  CRM_MERGE_REFUSED: 'a merge the records do not allow: an archived or already merged record, or records of different types (the message names the field)',
  CRM_CONSTRAINT_VIOLATED: 'a value breaks a rule the database keeps (a reference, a check)',
  CRM_MERGE_FORBIDDEN: 'a merge by someone who may not change both records: it takes the owner of both, a director or an admin',
  CRM_OWNER_REFUSED: 'the caller may not give the record to that owner (or leave it without one)',
  CRM_CALENDAR_EXHAUSTED: "the working calendar of the complaint's team has too little working time ahead to set its SLA due times: the team's head or an admin must fix it",
  CRM_DEAL_APPROVAL_OPEN: 'a deal cannot be won while its approval is pending or was rejected',
  CRM_PUBLIC_RATE_LIMITED: 'the public web form took too many submissions from this address',
  CRM_TASK_INPUT_INVALID: "a service task's input is missing or not one of the values it takes (an incident, not an HTTP answer)",
  CRM_TASK_NO_CANDIDATE: 'nobody to assign or escalate to (an incident)',
  CRM_NOTIFY_RECIPIENT_REFUSED: 'crm.notify named a recipient it may not write to (an incident)',
  AUTH_REQUIRED: 'no credentials: sign in, or send HTTP Basic or an API key',
  AUTH_FAILED: 'credentials refused: a wrong password, an unknown or expired API key or session',
  AUTH_SIGN_IN_BLOCKED: 'too many failed sign-ins: wait the seconds the message names',
  AUTH_ROLE_REFUSED: "the caller's role does not allow this route or action",
  AUTH_NO_ACCESS_RULE: 'the route has no access rule (a programming error, refused rather than open)',
  AUTH_PASSWORD_REFUSED: "a password change refused: not signed in with one's own password, or a wrong current password",
  AUTH_LINK_INVALID: 'an invitation or password link is unknown, used or expired',
  AUTH_NOT_FOUND: 'the API key or user named does not exist',
} as const;

export type CrmErrorCode = keyof typeof CRM_ERROR_CODES;

/** 404: a record one may not see is answered like one that does not exist */
export class CrmNotFoundError extends NotFoundError {
  constructor(message: string, code: CrmErrorCode = 'CRM_NOT_FOUND') {
    super(message, code);
  }
}

/** 400: malformed input, or input the record's state refuses */
export class CrmInvalidRequestError extends InvalidRequestError {
  constructor(message: string, code: CrmErrorCode = 'CRM_INVALID_REQUEST') {
    super(message, code);
  }
}

/** 403: a rule of record access refuses the caller */
export class CrmForbiddenError extends ForbiddenError {
  constructor(message: string, code: CrmErrorCode) {
    super(message, code);
  }
}

/** 409: the change conflicts with what is stored */
export class CrmConflictError extends ConflictError {
  constructor(message: string, code: CrmErrorCode, details?: Readonly<Record<string, unknown>>) {
    super(message, code, details);
  }
}

/** a service-task handler cannot do its work: the job fails (retries, then an incident naming the message) */
export class CrmTaskError extends CodedError {
  constructor(
    message: string,
    readonly code: CrmErrorCode,
  ) {
    super(message);
    this.name = 'CrmTaskError';
  }
}
