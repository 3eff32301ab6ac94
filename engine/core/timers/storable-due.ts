import { isStorableDate } from '../variables/camunda-date.js';
import { TimerDefinitionError } from './timer-definition-error.js';

/** A timer's due time, refused when it lies outside the years 0001-9999 (UTC), which the job table cannot hold. */
export function storableDue(due: Date, text: string): Date {
  if (!isStorableDate(due)) throw new TimerDefinitionError(`'${text.slice(0, 100)}' falls due outside the years 0001 to 9999`);
  return due;
}
