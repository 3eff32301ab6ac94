import { z } from 'zod';

/**
 * The largest numbers a request may carry where the engine keeps them: Camunda's Integer fields
 * (retries, a task's priority, paging) are 32-bit, as the database columns that hold them, and a
 * duration added to now (a lock, a retry timeout) must end at a time the engine can store.
 */
export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** 100 years in milliseconds: the longest lock or retry timeout a worker may ask for */
export const MAX_DURATION_MS = 3_155_760_000_000;

export function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
}

/** `{ retries }` of `PUT /job/{id}/retries` and `PUT /external-task/{id}/retries` */
export const retriesBody = z.object({
  retries: z.number({ message: 'is required' }).int().min(0, { message: 'must not be negative' }).max(INT32_MAX, { message: `must be at most ${INT32_MAX}` }),
});
