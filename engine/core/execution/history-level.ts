import type { HistoryRecord } from './history-records.js';

/**
 * How much history the engine writes, as Camunda 7's history levels: `none` writes no history row;
 * `activity` the process, activity and task instances; `audit` adds the historic variables (one row
 * per variable, its latest value); `full` adds incidents and decision evaluations. Runtime state,
 * the statistics' counts and batches are written at every level.
 */
export const HISTORY_LEVELS = ['none', 'activity', 'audit', 'full'] as const;
export type HistoryLevel = (typeof HISTORY_LEVELS)[number];
export const DEFAULT_HISTORY_LEVEL: HistoryLevel = 'full';

/** the lowest level that writes each history table (Camunda: incidents and decision instances at FULL) */
const FIRST_LEVEL_OF: Readonly<Record<HistoryRecord['table'], HistoryLevel>> = {
  processInstance: 'activity',
  activityInstance: 'activity',
  task: 'activity',
  variable: 'audit',
  incident: 'full',
  decisionInstance: 'full',
};

export function isHistoryLevel(value: string): value is HistoryLevel {
  return (HISTORY_LEVELS as readonly string[]).includes(value);
}

/** whether a level writes rows of a history table */
export function writesHistoryOf(level: HistoryLevel, table: HistoryRecord['table']): boolean {
  return HISTORY_LEVELS.indexOf(level) >= HISTORY_LEVELS.indexOf(FIRST_LEVEL_OF[table]);
}
