import { type Duration, durationOfMillis, parseIsoDuration } from './duration.js';
import { parseIsoDateTime } from './iso-date-time.js';
import { TimerDefinitionError, quoteForMessage } from './timer-definition-error.js';

/** An ISO 8601 repeating interval in one of the forms Camunda 7 accepts. */
export type RepeatingInterval =
  /** `R3/PT10M`: counted from the moment the timer is created */
  | { readonly form: 'relative'; readonly repetitions: number | null; readonly period: Duration }
  /** `R3/2026-12-01T08:00:00Z/PT1H`, or `R3/<start>/<end>` whose period is end - start */
  | { readonly form: 'from-start'; readonly repetitions: number | null; readonly start: Date; readonly period: Duration }
  /** `R3/PT1H/2026-12-01T08:00:00Z`: the last repetition falls on the end */
  | { readonly form: 'until-end'; readonly repetitions: number | null; readonly end: Date; readonly period: Duration };

const REPETITIONS = /^R(\d*)$/;
const MAX_REPETITIONS = 2_147_483_647; // Camunda reads the count as a Java int

/** Camunda tells repeating intervals from cron expressions by the leading `R`. */
export function looksLikeRepeatingInterval(text: string): boolean {
  return text.trim().startsWith('R');
}

/**
 * `R<n>/...` or `R/...` (unbounded, repetitions null). `R0` and a zero period are returned as they
 * are; callers decide whether they make sense (a retry may wait PT0S, a timer cycle may not).
 */
export function parseRepeatingInterval(text: string): RepeatingInterval {
  const trimmed = text.trim();
  const parts = trimmed.split('/');
  const countMatch = REPETITIONS.exec(parts[0] ?? '');
  if (!countMatch || parts.length < 2 || parts.length > 3) {
    throw new TimerDefinitionError(intervalMessage(text, null));
  }
  const repetitions = countMatch[1] === '' ? null : Number(countMatch[1]);
  if (repetitions !== null && repetitions > MAX_REPETITIONS) {
    throw new TimerDefinitionError(intervalMessage(text, `at most ${MAX_REPETITIONS} repetitions are possible`));
  }
  return withContext(text, () => readParts(text, repetitions, parts.slice(1)));
}

function readParts(text: string, repetitions: number | null, parts: string[]): RepeatingInterval {
  const [first = '', second] = parts;
  if (second === undefined) return { form: 'relative', repetitions, period: parseIsoDuration(first) };
  if (isDurationText(first) && isDurationText(second)) {
    throw new TimerDefinitionError(intervalMessage(text, 'give a start or an end date next to the duration'));
  }
  if (isDurationText(first)) {
    return { form: 'until-end', repetitions, period: parseIsoDuration(first), end: parseIsoDateTime(second) };
  }
  const start = parseIsoDateTime(first);
  if (isDurationText(second)) return { form: 'from-start', repetitions, start, period: parseIsoDuration(second) };
  const end = parseIsoDateTime(second);
  if (end <= start) {
    throw new TimerDefinitionError(intervalMessage(text, 'the end date must come after the start date'));
  }
  return { form: 'from-start', repetitions, start, period: durationOfMillis(end.getTime() - start.getTime()) };
}

function isDurationText(part: string): boolean {
  return part.startsWith('P') || part.startsWith('-P');
}

/** Names the whole cycle when one of its parts is wrong. */
function withContext<T>(text: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof TimerDefinitionError)) throw error;
    throw new TimerDefinitionError(`In the repeating interval ${quoteForMessage(text.trim())}: ${error.message}`);
  }
}

export function intervalMessage(text: string, reason: string | null): string {
  const base =
    'Expected an ISO 8601 repeating interval such as R3/PT10M, R/PT1H or R3/2026-12-01T08:00:00Z/PT1H, ' +
    `but got ${quoteForMessage(text)}`;
  return reason === null ? base : `${base} (${reason})`;
}
