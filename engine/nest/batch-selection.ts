import { Inject, Injectable } from '@nestjs/common';
import { isBatchJob } from '../core/batches/batch-records.js';
import { BadUserRequestError, NotFoundError } from '../core/errors/index.js';
import type { EngineQueries, Filter } from '../core/ports/engine-queries.js';
import { ENGINE_QUERIES } from './engine-providers.js';

export interface InstanceSelection {
  readonly processInstanceIds: readonly string[];
  readonly processInstanceQuery: Filter | null;
  readonly historicProcessInstanceQuery: Filter | null;
}

export interface JobSelection {
  readonly jobIds: readonly string[];
  readonly jobQuery: Filter | null;
  /** the jobs of these process instances */
  readonly instances: InstanceSelection;
}

export interface ExternalTaskSelection {
  readonly externalTaskIds: readonly string[];
  readonly externalTaskQuery: Filter | null;
  /** the external tasks of these process instances */
  readonly instances: InstanceSelection;
}

const INSTANCE_FIELDS = 'processInstanceIds, processInstanceQuery or historicProcessInstanceQuery';

/**
 * Resolves what a batch works on when it is created, as Camunda does: the union of the listed ids
 * and of what the queries match now. An empty selection is refused, naming the fields.
 */
@Injectable()
export class BatchSelection {
  constructor(@Inject(ENGINE_QUERIES) private readonly queries: EngineQueries) {}

  async processInstances(selection: InstanceSelection): Promise<string[]> {
    const ids = await this.instanceIds(selection);
    if (ids.length === 0) throw nothingSelected('process instance', INSTANCE_FIELDS);
    return ids;
  }

  async jobs(selection: JobSelection): Promise<string[]> {
    const ids = [...selection.jobIds];
    if (selection.jobQuery) ids.push(...(await this.queries.jobs({ filter: selection.jobQuery })).filter((j) => !isBatchJob(j)).map((j) => j.id));
    const instanceIds = await this.instanceIds(selection.instances);
    if (instanceIds.length > 0) ids.push(...(await this.queries.jobs({ filter: { processInstanceIds: instanceIds } })).map((j) => j.id));
    if (ids.length === 0) throw nothingSelected('job', `jobIds, jobQuery, ${INSTANCE_FIELDS}`);
    return unique(ids);
  }

  /** `topics`: a caller limited to those (an API key's) selects only their tasks; the others are as missing */
  async externalTasks(selection: ExternalTaskSelection, topics?: ReadonlySet<string>): Promise<string[]> {
    let ids = [...selection.externalTaskIds];
    if (selection.externalTaskQuery) ids.push(...(await this.queries.externalTasks({ filter: selection.externalTaskQuery })).map((t) => t.id));
    const instanceIds = await this.instanceIds(selection.instances);
    if (instanceIds.length > 0) ids.push(...(await this.queries.externalTasks({ filter: { processInstanceIdIn: instanceIds } })).map((t) => t.id));
    if (topics && ids.length > 0) {
      const inScope = new Set((await this.queries.externalTasks({ filter: { externalTaskIdIn: unique(ids), topicNameIn: [...topics] } })).map((t) => t.id));
      const named = selection.externalTaskIds.find((id) => !inScope.has(id));
      if (named !== undefined) throw new NotFoundError(`External task with id ${named} does not exist`);
      ids = ids.filter((id) => inScope.has(id));
    }
    if (ids.length === 0) throw nothingSelected('external task', `externalTaskIds, externalTaskQuery, ${INSTANCE_FIELDS}`);
    return unique(ids);
  }

  private async instanceIds(selection: InstanceSelection): Promise<string[]> {
    const ids = [...selection.processInstanceIds];
    if (selection.processInstanceQuery) ids.push(...(await this.queries.instances({ filter: selection.processInstanceQuery })).map((i) => i.id));
    if (selection.historicProcessInstanceQuery) ids.push(...(await this.queries.historicInstances({ filter: selection.historicProcessInstanceQuery })).map((i) => i.id));
    return unique(ids);
  }
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function nothingSelected(what: string, fields: string): BadUserRequestError {
  return new BadUserRequestError(`Expected ${fields} to select at least one ${what}, but they select none`);
}
