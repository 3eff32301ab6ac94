import { INT32_MAX, INT32_MIN, isInt32 } from '../shared/int32.js';
import { isStorableDate, parseCamundaDate } from '../variables/index.js';

/** the range a task priority must be in, for error messages */
export const TASK_PRIORITY_RANGE = `an integer from ${INT32_MIN} to ${INT32_MAX}`;

/** a task's priority is a 32-bit integer, as in Camunda (a number or its text); undefined when the value is none */
export function taskPriority(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return isInt32(n) ? n : undefined;
}

/** a task date: a Date or a Camunda date-time text, in the years 0001 to 9999; undefined when the value is none */
export function taskDate(value: unknown): Date | undefined {
  let date: Date;
  try {
    date = value instanceof Date ? value : parseCamundaDate(String(value).trim());
  } catch {
    return undefined;
  }
  return isStorableDate(date) ? date : undefined;
}
