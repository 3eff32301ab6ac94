import { z } from 'zod';
import { INT32_MAX } from '../../core/shared/int32.js';

/**
 * The largest numbers a request may carry where the engine keeps them: Camunda's Integer fields
 * (retries, a task's priority, paging) are 32-bit, as the database columns that hold them (the
 * engine core's own range, which a user task's priority expression is held to as well), and a
 * duration added to now (a lock, a retry timeout) must end at a time the engine can store.
 */
export { INT32_MAX, INT32_MIN, isInt32 } from '../../core/shared/int32.js';

/** 100 years in milliseconds: the longest lock or retry timeout a worker may ask for */
export const MAX_DURATION_MS = 3_155_760_000_000;

/** `{ retries }` of `PUT /job/{id}/retries` and `PUT /external-task/{id}/retries` */
export const retriesBody = z.object({
  retries: z.number({ message: 'is required' }).int().min(0, { message: 'must not be negative' }).max(INT32_MAX, { message: `must be at most ${INT32_MAX}` }),
});
