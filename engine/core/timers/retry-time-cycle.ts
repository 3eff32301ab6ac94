import { type Duration, parseIsoDuration } from './duration.js';
import { parseRepeatingInterval } from './repeating-interval.js';
import { TimerDefinitionError, quoteForMessage } from './timer-definition-error.js';

/** `intervals` holds one entry per retry, so the count must stay reasonable. */
const MAX_RETRIES = 10_000;

export interface RetryTimeCycle {
  /** how many times a failed job is retried before an incident is raised */
  retries: number;
  /** the wait before each retry, one entry per retry, in order */
  intervals: Duration[];
}

/**
 * `camunda:failedJobRetryTimeCycle`: either `R<n>/<duration>` (n retries, each after the same wait;
 * `intervals` repeats it n times) or a comma-separated list of durations `PT1M,PT5M,PT10M`, where, as
 * in Camunda, the number of retries is the length of the list.
 */
export function parseRetryTimeCycle(text: string): RetryTimeCycle {
  const trimmed = text.trim();
  if (trimmed.startsWith('R')) return fromRepeatingInterval(text);
  const items = trimmed.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new TimerDefinitionError(retryMessage(text, 'an entry of the list is empty'));
  const intervals = items.map((item) => {
    try {
      return parseIsoDuration(item);
    } catch (error) {
      if (!(error instanceof TimerDefinitionError)) throw error;
      throw new TimerDefinitionError(`In the retry time cycle ${quoteForMessage(trimmed)}: ${error.message}`);
    }
  });
  return { retries: intervals.length, intervals };
}

function fromRepeatingInterval(text: string): RetryTimeCycle {
  const interval = parseRepeatingInterval(text);
  if (interval.form !== 'relative') {
    throw new TimerDefinitionError(retryMessage(text, 'start and end dates are not allowed here'));
  }
  if (interval.repetitions === null) {
    throw new TimerDefinitionError(retryMessage(text, 'the number of retries must be given, e.g. R3'));
  }
  if (interval.repetitions > MAX_RETRIES) {
    throw new TimerDefinitionError(retryMessage(text, `at most ${MAX_RETRIES} retries are supported`));
  }
  const intervals = Array.from({ length: interval.repetitions }, () => ({ ...interval.period }));
  return { retries: interval.repetitions, intervals };
}

function retryMessage(text: string, reason: string): string {
  return (
    'Expected a retry time cycle such as R3/PT5M or PT1M,PT5M,PT10M, ' +
    `but got ${quoteForMessage(text)} (${reason})`
  );
}
