import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from './http-credentials.js';

/** `crmk_<key id without dashes>_<secret>`: the id finds the row, the secret proves possession */
export function newApiKeyToken(): { id: string; token: string; secretHash: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${API_KEY_PREFIX}${id.replaceAll('-', '')}_${secret}`, secretHash: secretHashOf(secret) };
}

export function parseApiKeyToken(token: string): { id: string; secret: string } | null {
  const match = /^crmk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  return { id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, secret: match[2]! };
}

/** keys are random and long: a fast hash is enough (unlike passwords) */
export function secretHashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(secretHashOf(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
