// Types of external-task-drive.mjs for the TypeScript spec that imports it.
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface DriveOptions {
  /** the Camunda REST base, e.g. http://127.0.0.1:3000/engine-rest */
  readonly base: string;
  /** deploys, starts, sets retries and checks: an admin */
  readonly operator: Credentials;
  /** the external-task client's credentials (default: the operator's) */
  readonly worker?: Credentials;
  /** default 20 */
  readonly instances?: number;
  /** how long the instances may take to end, default 120 s */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** an external task left behind, as GET /external-task shows it */
export interface StuckTask {
  readonly id: string;
  readonly topicName: string;
  readonly activityId: string;
  readonly businessKey: string | null;
  readonly processInstanceId: string;
  readonly workerId: string | null;
  readonly lockExpirationTime: string | null;
  readonly retries: number | null;
  readonly errorMessage: string | null;
}

export interface DriveReport {
  readonly definitionId: string;
  readonly runId: string;
  readonly instances: number;
  /** instances of the run's definition that ended */
  readonly ended: number;
  /** what the worker and the operator did */
  readonly counts: {
    readonly completed: number;
    readonly failures: number;
    readonly bpmnErrors: number;
    readonly lockExtensions: number;
    readonly incidentsResolved: number;
  };
  /** external tasks left when the instances did not all end in time */
  readonly stuck: readonly StuckTask[];
  /** everything that differed from the plan; empty when the drive passed */
  readonly problems: readonly string[];
}

export function driveExternalTaskClient(options: DriveOptions): Promise<DriveReport>;
