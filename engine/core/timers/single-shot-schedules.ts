import { type Duration } from './duration.js';
import { addDuration } from './duration-arithmetic.js';
import { type TimerSchedule } from './timer-schedule.js';

/**
 * `timeDate`: due at the given instant, even when it already lies in the past (the engine then
 * fires it at once, as Camunda does).
 */
export function fixedDateSchedule(dueAt: Date): TimerSchedule {
  const time = dueAt.getTime();
  return {
    kind: 'date',
    repetitions: 1,
    firstDue: () => new Date(time),
    nextDue: () => null,
  };
}

/** `timeDuration`: due once, the duration after the timer is created. */
export function durationSchedule(duration: Duration): TimerSchedule {
  return {
    kind: 'duration',
    repetitions: 1,
    firstDue: (now) => addDuration(now, duration),
    nextDue: () => null,
  };
}
