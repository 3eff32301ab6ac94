import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidRequestError } from '../../core/errors/index.js';
import { METRIC_NAMES, type EngineQueries, type MetricName, type MetricQuery } from '../../core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { date } from './camunda-dtos.js';
import { parseFilter } from './query-params.js';
import { EngineRequires } from '../access/index.js';

const MAX_RESULTS = 200;
const DEFAULT_INTERVAL_SECONDS = 900;

function metricName(value: unknown): MetricName {
  if (typeof value !== 'string' || value === '') throw new InvalidRequestError(`Query parameter 'name' is required: one of ${METRIC_NAMES.join(', ')}`);
  if (!(METRIC_NAMES as readonly string[]).includes(value)) throw new InvalidRequestError(`Unknown metric '${value}': expected one of ${METRIC_NAMES.join(', ')}`);
  return value as MetricName;
}

function range(raw: Record<string, unknown>, name: MetricName): MetricQuery {
  const { startDate, endDate } = parseFilter(raw, { startDate: 'date', endDate: 'date' }) as { startDate?: Date; endDate?: Date };
  return { name, ...(startDate ? { startDate } : {}), ...(endDate ? { endDate } : {}) };
}

/** Camunda's metrics API (`GET /metrics` per interval, `GET /metrics/{name}/sum`), counted from history. */
@ApiTags('Metrics')
@EngineRequires('engine.monitor')
@Controller('engine-rest/metrics')
export class MetricsIntervalController {
  constructor(@Inject(ENGINE_QUERIES) private readonly queries: EngineQueries) {}

  @Get()
  async interval(@Query() raw: Record<string, unknown>) {
    const name = metricName(raw['name']);
    const { interval, firstResult, maxResults } = parseFilter(raw, { interval: 'int', firstResult: 'int', maxResults: 'int' }) as { interval?: number; firstResult?: number; maxResults?: number };
    if (interval !== undefined && interval < 1) throw new InvalidRequestError(`Query parameter 'interval' must be a positive number of seconds, but is ${interval}`);
    if (maxResults !== undefined && (maxResults < 0 || maxResults > MAX_RESULTS)) throw new InvalidRequestError(`Query parameter 'maxResults' must be 0 to ${MAX_RESULTS}, but is ${maxResults}`);
    if (firstResult !== undefined && firstResult < 0) throw new InvalidRequestError(`Query parameter 'firstResult' must not be negative, but is ${firstResult}`);
    const skip = firstResult ?? 0;
    const rows = await this.queries.metricIntervals({ ...range(raw, name), intervalSeconds: interval ?? DEFAULT_INTERVAL_SECONDS, limit: skip + (maxResults ?? MAX_RESULTS) });
    return rows.slice(skip).map((row) => ({ timestamp: date(row.timestamp), name, reporter: null, value: row.value }));
  }

  @Get(':name/sum')
  async sum(@Param('name') name: string, @Query() raw: Record<string, unknown>) {
    return { result: await this.queries.metricSum(range(raw, metricName(name))) };
  }
}
