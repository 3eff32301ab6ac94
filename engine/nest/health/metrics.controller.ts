import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { OpenedDatabase } from '../../adapters/typeorm/data-source.js';
import { SqlEngineStore } from '../../adapters/typeorm/sql-engine-store.js';
import type { EngineQueries } from '../../core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { EngineRequires } from '../access/index.js';
import { DATABASE } from '../tokens.js';
import { registerPoolGauges } from './pool-gauges.js';

/** GET /metrics: Prometheus text format; engine gauges are read from the database on each scrape. */
@ApiTags('Health')
@EngineRequires('engine.monitor')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly running = new Gauge({ name: 'bpmn_process_instances_running', help: 'Running process instances', registers: [this.registry] });
  private readonly incidents = new Gauge({ name: 'bpmn_incidents_open', help: 'Open incidents', labelNames: ['type'], registers: [this.registry] });
  private readonly jobsDue = new Gauge({ name: 'bpmn_jobs_due', help: 'Jobs due and not locked', registers: [this.registry] });
  private readonly externalTasks = new Gauge({ name: 'bpmn_external_tasks_open', help: 'External tasks waiting or locked', labelNames: ['topic'], registers: [this.registry] });
  private readonly userTasks = new Gauge({ name: 'bpmn_user_tasks_open', help: 'Open user tasks', registers: [this.registry] });
  private readonly kept = new Gauge({ name: 'bpmn_instance_cache_entries', help: 'Process instances this node keeps as it wrote them last (INSTANCE_CACHE_SIZE)', registers: [this.registry] });
  private readonly guesses = new Counter({
    name: 'bpmn_instance_cache_guesses_total',
    help: 'Kept instances a command took instead of reading them: proven by its write, or stale (changed elsewhere) and read again',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private counted = { proven: 0, stale: 0 };

  constructor(
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
    private readonly store: SqlEngineStore,
    @Inject(DATABASE) db: OpenedDatabase,
  ) {
    collectDefaultMetrics({ register: this.registry });
    registerPoolGauges(this.registry, db);
  }

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const gauges = await this.queries.gauges();
    this.running.set(gauges.runningInstances);
    this.jobsDue.set(gauges.dueJobs);
    this.userTasks.set(gauges.openUserTasks);
    this.incidents.reset();
    for (const [type, n] of Object.entries(gauges.incidentsByType)) this.incidents.set({ type }, n);
    this.externalTasks.reset();
    for (const [topic, n] of Object.entries(gauges.externalTasksByTopic)) this.externalTasks.set({ topic }, n);
    const recent = this.store.recent.stats();
    this.kept.set(recent.entries);
    this.guesses.inc({ outcome: 'proven' }, recent.proven - this.counted.proven);
    this.guesses.inc({ outcome: 'stale' }, recent.stale - this.counted.stale);
    this.counted = { proven: recent.proven, stale: recent.stale };
    return this.registry.metrics();
  }
}
