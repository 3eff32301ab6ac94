export interface AuthOptions {
  /**
   * Requests without a session: true lets them through as machine clients (the Camunda Modeler's
   * deploy button, external task workers, scripts; `X-User-Id` names who acts), as Camunda 7's
   * REST API does by default. false answers them 401.
   */
  readonly allowAnonymous: boolean;
  /** how long a sign-in lasts */
  readonly sessionTtlMs: number;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export const DEFAULT_AUTH_OPTIONS: AuthOptions = { allowAnonymous: true, sessionTtlMs: 12 * 60 * 60 * 1000 };
