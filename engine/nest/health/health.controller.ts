import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { OpenedDatabase } from '../../adapters/typeorm/data-source.js';
import type { JobDispatcher } from '../../core/ports/job-dispatcher.js';
import { JOB_DISPATCHER } from '../engine-providers.js';
import { DATABASE } from '../tokens.js';

/** GET /health: the database and the job queue, each with what backs it; a failure is a bare 503. */
@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: OpenedDatabase,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('database');
        try {
          await this.db.dataSource.query('SELECT 1');
          // where the database lives (a path, a host) is for the start-up log, not for anyone who asks
          return indicator.up({ kind: this.db.kind });
        } catch (error) {
          return indicator.down({ kind: this.db.kind, message: error instanceof Error ? error.message : String(error) });
        }
      },
      async () => {
        const indicator = this.indicators.check('queue');
        const result = await this.dispatcher.check();
        return result.ok ? indicator.up({ kind: this.dispatcher.kind }) : indicator.down({ kind: this.dispatcher.kind, message: result.detail ?? 'unreachable' });
      },
    ]);
  }
}
