import { addDuration } from './duration-arithmetic.js';
import { earliestBackwardElement, firstForwardElement, stepForward } from './period-series.js';
import { isEffectivelyZero } from './duration.js';
import { type RepeatingInterval, intervalMessage } from './repeating-interval.js';
import { TimerDefinitionError } from './timer-definition-error.js';
import { type TimerSchedule } from './timer-schedule.js';

/**
 * Schedules for ISO 8601 repeating intervals. `R<n>` means n fires in total; `R` alone is unbounded.
 *
 * - `R3/PT10M` (relative): first due now + period, then previous due + period, until `firedCount`
 *   reaches n. Month periods drift like Camunda's (Jan 31, Feb 28, Mar 28).
 * - `R3/<start>/PT1H` (from-start): the fires are start, start + period, ... (n of them).
 *   The first due is the first of them at or after `now`; those already in the past count as used
 *   repetitions and are skipped, not fired late. Camunda's DurationHelper differs only in taking the
 *   first one strictly after now (a start equal to now fires a period later there, at once here).
 *   The position in the series is derived from `previousDue`, so `firedCount` is not needed.
 * - `R3/PT1H/<end>` (until-end): the fires are counted back from the end: end - (n-1) periods, ...,
 *   end - period, end; the last fire falls on the end. As with the start form, the first due is the
 *   earliest of them at or after `now`. `R/PT1H/<end>` fires every period up to the end.
 *
 * When every repetition of an anchored cycle lies in the past, the first due is the last repetition
 * (a past time, so the engine fires once at once) and nextDue then returns null. Camunda behaves the
 * same way in effect: its due date becomes null and a job without a due date runs immediately.
 */
export function repeatingIntervalSchedule(text: string, interval: RepeatingInterval): TimerSchedule {
  if (interval.repetitions === 0) {
    throw new TimerDefinitionError(intervalMessage(text, 'a timer cycle needs at least one repetition'));
  }
  if (isEffectivelyZero(interval.period)) {
    throw new TimerDefinitionError(intervalMessage(text, 'the period must be longer than zero'));
  }
  switch (interval.form) {
    case 'relative':
      return relativeSchedule(interval.repetitions, interval);
    case 'from-start':
      return fromStartSchedule(interval.repetitions, interval);
    case 'until-end':
      return untilEndSchedule(interval.repetitions, interval);
  }
}

type Form<F extends RepeatingInterval['form']> = Extract<RepeatingInterval, { form: F }>;

function relativeSchedule(repetitions: number | null, { period }: Form<'relative'>): TimerSchedule {
  return {
    kind: 'cycle',
    repetitions,
    firstDue: (now) => addDuration(now, period),
    nextDue: (previousDue, firedCount) =>
      repetitions !== null && firedCount >= repetitions ? null : addDuration(previousDue, period),
  };
}

function fromStartSchedule(repetitions: number | null, { start, period }: Form<'from-start'>): TimerSchedule {
  const lastIndex = repetitions === null ? Infinity : repetitions - 1;
  return {
    kind: 'cycle',
    repetitions,
    firstDue: (now) => {
      const first = firstForwardElement(start, period, now, 'at-or-after');
      return first.index <= lastIndex ? first.at : stepForward(start, period, lastIndex);
    },
    nextDue: (previousDue) => {
      const next = firstForwardElement(start, period, previousDue, 'after');
      return next.index <= lastIndex ? next.at : null;
    },
  };
}

function untilEndSchedule(repetitions: number | null, { end, period }: Form<'until-end'>): TimerSchedule {
  const lastIndex = repetitions === null ? Infinity : repetitions - 1;
  return {
    kind: 'cycle',
    repetitions,
    firstDue: (now) => earliestBackwardElement(end, period, now, 'at-or-after', lastIndex)?.at ?? new Date(end.getTime()),
    nextDue: (previousDue) => earliestBackwardElement(end, period, previousDue, 'after', lastIndex)?.at ?? null,
  };
}
