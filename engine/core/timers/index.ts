export { TimerDefinitionError } from './timer-definition-error.js';
export { type Duration, parseIsoDuration, formatIsoDuration } from './duration.js';
export { addDuration } from './duration-arithmetic.js';
export { parseIsoDateTime } from './iso-date-time.js';
export { type TimerKind, type TimerSchedule } from './timer-schedule.js';
export { parseTimer, validateTimerText } from './parse-timer.js';
export { storableDue } from './storable-due.js';
export { type RetryTimeCycle, parseRetryTimeCycle } from './retry-time-cycle.js';
