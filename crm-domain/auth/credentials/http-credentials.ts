import type { Request } from 'express';

export const API_KEY_HEADER = 'x-api-key';
export const ACTOR_HEADER = 'x-user-id';

/** What a request presents besides the session cookie. */
export type PresentedCredentials =
  | { readonly kind: 'password'; readonly login: string; readonly password: string }
  | { readonly kind: 'api-key'; readonly token: string }
  | { readonly kind: 'malformed'; readonly reason: string };

/**
 * `Authorization: Basic` (email or user id : password, or any name : an API key, as Camunda
 * clients send it), `Authorization: Bearer <API key>` or `X-API-Key`; null when none is sent.
 */
export function presentedCredentials(request: Request): PresentedCredentials | null {
  const header = request.header('authorization');
  if (header !== undefined) {
    const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
    switch (scheme.toLowerCase()) {
      case 'basic':
        return basic(value);
      case 'bearer':
        return value ? { kind: 'api-key', token: value } : { kind: 'malformed', reason: 'The Bearer authorization carries no key' };
      default:
        return { kind: 'malformed', reason: `Unsupported authorization scheme '${scheme.slice(0, 20)}': use Basic or Bearer` };
    }
  }
  const key = request.header(API_KEY_HEADER);
  if (key !== undefined) return { kind: 'api-key', token: key.trim() };
  return null;
}

function basic(encoded: string): PresentedCredentials {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (!encoded || separator < 0) return { kind: 'malformed', reason: 'The Basic authorization is not base64 of login:password' };
  const login = decoded.slice(0, separator).trim();
  const password = decoded.slice(separator + 1);
  if (looksLikeApiKey(password)) return { kind: 'api-key', token: password };
  if (!login || !password) return { kind: 'malformed', reason: 'The Basic authorization needs a login and a password' };
  return { kind: 'password', login, password };
}

export const API_KEY_PREFIX = 'crmk_';

export function looksLikeApiKey(text: string): boolean {
  return text.startsWith(API_KEY_PREFIX);
}
