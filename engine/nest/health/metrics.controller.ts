import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { OpenedDatabase } from '../../adapters/typeorm/data-source.js';
import { DATABASE } from '../tokens.js';

/** GET /metrics: Prometheus text format; engine gauges are read from the database on each scrape. */
@ApiTags('Health')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly running = new Gauge({ name: 'bpmn_process_instances_running', help: 'Running process instances', registers: [this.registry] });
  private readonly incidents = new Gauge({ name: 'bpmn_incidents_open', help: 'Open incidents', labelNames: ['type'], registers: [this.registry] });
  private readonly jobsDue = new Gauge({ name: 'bpmn_jobs_due', help: 'Jobs due and not locked', registers: [this.registry] });
  private readonly externalTasks = new Gauge({ name: 'bpmn_external_tasks_open', help: 'External tasks waiting or locked', labelNames: ['topic'], registers: [this.registry] });
  private readonly userTasks = new Gauge({ name: 'bpmn_user_tasks_open', help: 'Open user tasks', registers: [this.registry] });

  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {
    collectDefaultMetrics({ register: this.registry });
  }

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const q = (sql: string) => this.db.dataSource.query(sql) as Promise<Record<string, unknown>[]>;
    const [running] = await q('SELECT count(*)::int AS n FROM engine.process_instance');
    const [due] = await q('SELECT count(*)::int AS n FROM engine.job WHERE retries > 0 AND due_at <= now() AND (lock_expiration IS NULL OR lock_expiration <= now())');
    const [tasks] = await q('SELECT count(*)::int AS n FROM engine.task');
    this.running.set(Number(running?.['n'] ?? 0));
    this.jobsDue.set(Number(due?.['n'] ?? 0));
    this.userTasks.set(Number(tasks?.['n'] ?? 0));
    this.incidents.reset();
    for (const row of await q('SELECT type, count(*)::int AS n FROM engine.incident GROUP BY type')) this.incidents.set({ type: String(row['type']) }, Number(row['n']));
    this.externalTasks.reset();
    for (const row of await q('SELECT topic, count(*)::int AS n FROM engine.external_task GROUP BY topic')) this.externalTasks.set({ topic: String(row['topic']) }, Number(row['n']));
    return this.registry.metrics();
  }
}
