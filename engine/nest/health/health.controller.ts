import { Controller, Get, Inject, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { Request, Response } from 'express';
import type { OpenedDatabase } from '../../adapters/typeorm/data-source.js';
import type { JobDispatcher } from '../../core/ports/job-dispatcher.js';
import { Public } from '../access/index.js';
import { JOB_DISPATCHER } from '../engine-providers.js';
import { authenticatedUserHolds } from '../rest/authenticated-user.js';
import { DATABASE } from '../tokens.js';
import { withTimeout } from '../../core/shared/with-timeout.js';

/** a health check that does not answer within this is down (a backend that hangs must not hang /health) */
const CHECK_TIMEOUT_MS = 2000;

/**
 * GET /health: the database and the job queue. Anyone (load balancers, probes) learns whether the
 * service is up; only callers allowed to monitor it see what backs it and why a part is down.
 * With a backend down the status is `degraded`: 503 while the database is down (nothing can be
 * done), 200 while only the queue is (commands are taken; their jobs wait as rows until it is back).
 */
@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: OpenedDatabase,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
  ) {}

  @Get()
  async check(@Req() request: Request, @Res() response: Response): Promise<void> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([() => this.database(), () => this.queue()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      result = error.getResponse() as HealthCheckResult;
    }
    const down = Object.keys(result.error ?? {});
    const status = down.length === 0 ? 'ok' : 'degraded';
    const body = { ...result, status };
    response.status(down.includes('database') ? 503 : 200).json(authenticatedUserHolds(request, 'engine.monitor') ? body : { status });
  }

  private async database() {
    const indicator = this.indicators.check('database');
    try {
      await withTimeout(this.db.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS, 'The database');
      // where the database lives (a path, a host) is for the start-up log, not for callers
      return indicator.up({ kind: this.db.kind });
    } catch (error) {
      return indicator.down({ kind: this.db.kind, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async queue() {
    const indicator = this.indicators.check('queue');
    const result = await this.dispatcher.check();
    return result.ok ? indicator.up({ kind: this.dispatcher.kind }) : indicator.down({ kind: this.dispatcher.kind, message: result.detail ?? 'unreachable' });
  }
}
