import type { MixedList } from 'typeorm';
import type { BusinessKeyRecords } from '../adapters/typeorm/queries/instance-visibility.js';
import type { HistoryLevel } from '../core/execution/history-level.js';
import type { RecentInstancesSettings } from '../adapters/typeorm/recent-instances.js';

export interface EngineSettings {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  /** most PostgreSQL connections the node opens (default 10) */
  readonly databasePoolSize?: number;
  readonly redisUrl?: string;
  /** namespaces the job queue, so several services can share one Redis */
  readonly queuePrefix: string;
  readonly jobConcurrency: number;
  /** due jobs the poller runs at once (jobConcurrency without it) and claims per statement (50 without it) */
  readonly jobPollConcurrency?: number;
  readonly jobPollBatch?: number;
  /** claimed jobs one runner takes at once, committed together where they can be (1 without it: one commit per job) */
  readonly jobPollGroup?: number;
  readonly jobLockMs: number;
  readonly reconcileMs: number;
  /** how often the statistics' deltas are compacted into their base rows (5 s without it) */
  readonly statisticsCompactMs?: number;
  /** how much history the engine writes (full without it) */
  readonly historyLevel?: HistoryLevel;
  /** the instances a node keeps as it wrote them last, for the next command on one (recent-instances.ts; its defaults without it) */
  readonly recentInstances?: RecentInstancesSettings;
  readonly maxDeploymentBytes: number;
  readonly maxDeploymentElements: number;
  readonly maxDeploymentAttributes: number;
  readonly maxDeploymentElementAttributes: number;
  readonly maxDeploymentDepth: number;
  readonly maxDeploymentParseMs: number;
  /** every migration of the service (engine and CRM), applied at start */
  readonly migrations: MixedList<Function>;
  readonly entities?: MixedList<Function>;
  /** a name for this node's job locks */
  readonly workerId: string;
  /** how business keys name the application's records, for who sees which instances; without it business keys grant nothing */
  readonly businessKeyRecords?: BusinessKeyRecords;
}
