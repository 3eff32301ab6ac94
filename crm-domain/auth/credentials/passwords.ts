import argon2 from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** OWASP's argon2id settings: 19 MiB, 2 passes, 1 lane (about 35 ms here, off the event loop) */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
/** long enough for any passphrase, short enough that hashing it costs nothing extra */
export const PASSWORD_MAX_LENGTH = 256;

/** why a new password is refused, or null */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim() !== password) return 'must not start or end with spaces';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2ID);
}

/** a hash of nothing anyone knows: unknown accounts cost as much time as known ones */
let decoy: Promise<string> | null = null;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  if (!hash) {
    decoy ??= hashPassword(randomBytes(24).toString('base64'));
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
