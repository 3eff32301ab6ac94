import { Inject, Injectable } from '@nestjs/common';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';

/** failures after which waiting starts: an account is guessed at, an address may be a whole office */
const FREE_FAILURES = { account: 5, address: 30 } as const;
const FIRST_WAIT_S = 2;
const LONGEST_WAIT_S = 15 * 60;
/** failures older than this are forgotten */
const WINDOW = '1 hour';

export interface SignInAttempt {
  /** the email or user id tried */
  readonly login: string;
  /** the client's address (Express's req.ip, which honours trust proxy) */
  readonly address: string;
}

/**
 * Slows down password guessing: after a few failed sign-ins for an account (or from an address)
 * each further attempt must wait, twice as long each time, up to 15 minutes. Kept in the database
 * (its clock), so every node of a cluster counts the same failures.
 */
@Injectable()
export class SignInThrottle {
  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}

  /** seconds to wait before this attempt may be tried, 0 when it may be tried now */
  async waitSeconds(attempt: SignInAttempt): Promise<number> {
    const rows = (await this.db.dataSource.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS wait FROM crm.sign_in_failures WHERE key = ANY($1) AND blocked_until > now()`,
      [keysOf(attempt).map((k) => k.key)],
    )) as { wait: number | null }[];
    return Math.max(0, rows[0]?.wait ?? 0);
  }

  async failed(attempt: SignInAttempt): Promise<void> {
    for (const { key, free } of keysOf(attempt)) {
      await this.db.dataSource.query(
        `INSERT INTO crm.sign_in_failures AS f (key, failures, last_failure_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN f.last_failure_at < now() - interval '${WINDOW}' THEN 1 ELSE f.failures + 1 END,
           last_failure_at = now(),
           blocked_until = CASE WHEN f.last_failure_at >= now() - interval '${WINDOW}' AND f.failures + 1 >= $2
             THEN now() + make_interval(secs => least($3::float8 * power(2, f.failures + 1 - $2), $4::float8)) END`,
        [key, free, FIRST_WAIT_S, LONGEST_WAIT_S],
      );
    }
  }

  /** the account's failures are forgiven; the address keeps its count (one good account must not open it) */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.db.dataSource.query(`DELETE FROM crm.sign_in_failures WHERE key = $1`, [accountKey(attempt.login)]);
  }
}

function accountKey(login: string): string {
  return `account:${login.trim().toLowerCase()}`;
}

function keysOf(attempt: SignInAttempt): { key: string; free: number }[] {
  return [
    { key: accountKey(attempt.login), free: FREE_FAILURES.account },
    { key: `address:${attempt.address}`, free: FREE_FAILURES.address },
  ];
}
