export interface AuthOptions {
  /** how long a sign-in lasts */
  readonly sessionTtlMs: number;
  /** how long an invitation (a new user's link to set their password) and a reset link stay valid */
  readonly inviteTtlMs: number;
  readonly resetTtlMs: number;
  /** the first admin, created at start when there is no admin yet */
  readonly admin?: { readonly email: string; readonly password: string } | undefined;
  /** the demo users' password (demo data seeded); shown on the login page, marked as demo */
  readonly demoPassword?: string | undefined;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  sessionTtlMs: 12 * 60 * 60 * 1000,
  inviteTtlMs: 7 * 24 * 60 * 60 * 1000,
  resetTtlMs: 24 * 60 * 60 * 1000,
};
