export type TimerKind = 'date' | 'duration' | 'cycle';

/** A schedule knows when a timer is due first and after each fire. */
export interface TimerSchedule {
  readonly kind: TimerKind;
  /** total number of fires, null = unbounded */
  readonly repetitions: number | null;
  /** first due time, computed from `now` (the moment the timer is created) */
  firstDue(now: Date): Date;
  /**
   * due time after a fire that happened for the due time `previousDue`; `firedCount` fires have
   * happened so far (including that one). null when the cycle is exhausted.
   */
  nextDue(previousDue: Date, firedCount: number): Date | null;
}
