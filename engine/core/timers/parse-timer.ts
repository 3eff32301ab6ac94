import { cronSchedule } from './cron-schedule.js';
import { parseIsoDuration } from './duration.js';
import { parseIsoDateTime } from './iso-date-time.js';
import { looksLikeRepeatingInterval, parseRepeatingInterval } from './repeating-interval.js';
import { repeatingIntervalSchedule } from './repeating-interval-schedule.js';
import { durationSchedule, fixedDateSchedule } from './single-shot-schedules.js';
import { TimerDefinitionError } from './timer-definition-error.js';
import { type TimerKind, type TimerSchedule } from './timer-schedule.js';

/**
 * Turns an already evaluated timer definition into a schedule. Leading and trailing whitespace is
 * ignored (BPMN XML text often carries line breaks). Throws TimerDefinitionError.
 */
export function parseTimer(kind: TimerKind, text: string): TimerSchedule {
  switch (kind) {
    case 'date':
      return fixedDateSchedule(parseIsoDateTime(text));
    case 'duration':
      return durationSchedule(parseIsoDuration(text));
    case 'cycle':
      // Camunda's rule: a cycle starting with R is an ISO 8601 repeating interval, anything else cron.
      return looksLikeRepeatingInterval(text)
        ? repeatingIntervalSchedule(text, parseRepeatingInterval(text))
        : cronSchedule(text);
    default:
      throw new TimerDefinitionError(`Unknown timer kind '${String(kind)}'; expected date, duration or cycle`);
  }
}

/**
 * Deploy-time check without expression values: text containing `${` or `#{` is an expression and is
 * checked only once evaluated; anything else must parse. Throws TimerDefinitionError.
 */
export function validateTimerText(kind: TimerKind, text: string): void {
  if (containsExpression(text)) return;
  parseTimer(kind, text);
}

function containsExpression(text: string): boolean {
  return text.includes('${') || text.includes('#{');
}
