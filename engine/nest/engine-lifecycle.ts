import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DueJobPoller } from '../adapters/jobs/due-job-poller.js';
import { JobReconciler } from '../adapters/jobs/job-reconciler.js';
import type { OpenedDatabase } from '../adapters/typeorm/data-source.js';
import { StatisticsCompactor } from '../adapters/typeorm/statistics-compactor.js';
import { Engine } from '../core/engine.js';
import type { JobDispatcher } from '../core/ports/job-dispatcher.js';
import { JOB_DISPATCHER } from './engine-providers.js';
import { DATABASE } from './tokens.js';

/** Starts job dispatch once the app is up; on shutdown finishes running jobs, then closes pools. */
@Injectable()
export class EngineLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Engine');

  constructor(
    private readonly engine: Engine,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
    private readonly reconciler: JobReconciler,
    private readonly poller: DueJobPoller,
    private readonly compactor: StatisticsCompactor,
    @Inject(DATABASE) private readonly db: OpenedDatabase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher.start(async (jobId) => {
      const outcome = await this.engine.jobs.execute(jobId);
      if (outcome === 'failed') this.log.warn(`Job ${jobId} failed; a retry or an incident is recorded`);
    });
    this.poller.start(async (claims) => {
      const outcomes = await this.engine.jobs.executeClaimedGroup(claims);
      outcomes.forEach((outcome, i) => {
        if (outcome === 'failed') this.log.warn(`Job ${claims[i]!.job.id} failed; a retry or an incident is recorded`);
      });
    });
    this.reconciler.start();
    this.compactor.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reconciler.stop();
    await this.poller.stop();
    await this.compactor.stop();
    await this.dispatcher.stop();
    if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
    this.log.log('Engine stopped: jobs finished, connections closed');
  }
}
