import { Injectable, Logger } from '@nestjs/common';
import { ANONYMOUS } from './audit-entry.js';
import { AuditLog } from './audit-log.js';
import { RecordingLimiter } from './recording-limiter.js';

/** what a failed sign-in tried; never the password */
export interface FailedSignIn {
  readonly method: 'password' | 'api-key';
  /** the email or user id tried, or the API key's id */
  readonly login: string;
  /** the client's address (Express's req.ip, which honours trust proxy) */
  readonly address: string;
  /** the id of the account (user or API key) the login names, when there is one */
  readonly accountId: string | null;
}

/** `wrong-key`: a revoked or expired key, or a wrong secret */
export type SignInFailure = 'wrong-password' | 'unknown-account' | 'wrong-key' | 'unknown-key' | 'blocked';

/**
 * Records failed and blocked sign-ins (HTTP Basic, the sign-in page, API keys) as anonymous
 * `session.sign-in-failed` / `session.sign-in-blocked` rows. Guessing is cheap for an attacker, so
 * at most one row per login and minute is written (it says how many attempts it stands for) and
 * at most 100 such rows a minute per node; the sign-in back-off itself counts every attempt.
 */
@Injectable()
export class SignInAudit {
  private readonly log = new Logger('Audit');
  private readonly limiter = new RecordingLimiter({ windowMs: 60_000, ceiling: 100 });

  constructor(private readonly audit: AuditLog) {}

  async failed(attempt: FailedSignIn, reason: SignInFailure): Promise<void> {
    const action = reason === 'blocked' ? 'session.sign-in-blocked' : 'session.sign-in-failed';
    const login = attempt.login.trim().toLowerCase().slice(0, 200);
    const admission = this.limiter.admit(`${action}:${attempt.method}:${login}`);
    if (!admission.record) {
      if (admission.overCeiling) this.log.warn(`Too many failed sign-ins to record each: one from ${attempt.address} was not recorded`);
      return;
    }
    await this.audit.append({
      ...ANONYMOUS,
      action,
      targetType: attempt.method === 'api-key' ? 'api-key' : 'user',
      targetId: attempt.accountId,
      outcome: 'refused',
      status: reason === 'blocked' ? 429 : 401,
      clientAddress: attempt.address,
      requestId: null,
      details: {
        method: attempt.method,
        reason,
        ...loginDetail(login, attempt.accountId !== null),
        ...(admission.skippedBefore > 0 ? { notRecordedSincePrevious: admission.skippedBefore } : {}),
      },
    });
  }
}

/**
 * The login of a known account, or one shaped like an email address or id; anything else is
 * withheld: people type their password into the login field.
 */
function loginDetail(login: string, known: boolean): { login: string } | { loginWithheld: true } {
  return known || /^[^\s@:]+@[^\s@:]+\.[a-z]{2,}$/.test(login) || /^[0-9a-f-]{36}$/.test(login) ? { login } : { loginWithheld: true };
}
