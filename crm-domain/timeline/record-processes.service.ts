import { Inject, Injectable } from '@nestjs/common';
import type { HistoricActivityInstanceRecord, HistoricProcessInstanceRecord } from '../../engine/core/execution/history-records.js';
import type { TaskRecord } from '../../engine/core/execution/records.js';
import type { EngineQueries } from '../../engine/core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../../engine/nest/engine-providers.js';

const MAX_INSTANCES = 20;

export interface RecordProcesses {
  readonly instances: HistoricProcessInstanceRecord[];
  readonly openTasks: TaskRecord[];
  /** steps per instance id, in start order */
  readonly steps: Map<string, HistoricActivityInstanceRecord[]>;
  /** the name each user task had (its name may be an expression: "Approval (${approvalLevel})"), by task id */
  readonly taskNames: Map<string, string>;
}

/** A record's processes, read from the engine's history through its query port (business key = record id). */
@Injectable()
export class RecordProcessesService {
  constructor(@Inject(ENGINE_QUERIES) private readonly queries: EngineQueries) {}

  instances(recordId: string): Promise<HistoricProcessInstanceRecord[]> {
    return this.queries.historicInstances({
      filter: { processInstanceBusinessKey: recordId },
      sorting: [{ sortBy: 'startTime', sortOrder: 'desc' }],
      page: { firstResult: 0, maxResults: MAX_INSTANCES },
    });
  }

  openTasks(recordId: string): Promise<TaskRecord[]> {
    return this.queries.tasks({ filter: { processInstanceBusinessKey: recordId }, sorting: [{ sortBy: 'created', sortOrder: 'asc' }] });
  }

  async withSteps(recordId: string): Promise<RecordProcesses> {
    const [instances, openTasks] = await Promise.all([this.instances(recordId), this.openTasks(recordId)]);
    const steps = new Map<string, HistoricActivityInstanceRecord[]>();
    const taskNames = new Map<string, string>();
    for (const instance of instances) {
      steps.set(instance.id, await this.queries.historicActivities({ filter: { processInstanceId: instance.id }, sorting: [{ sortBy: 'startTime', sortOrder: 'asc' }, { sortBy: 'occurrence', sortOrder: 'asc' }] }));
      for (const task of await this.queries.historicTasks({ filter: { processInstanceId: instance.id } })) if (task.name) taskNames.set(task.id, task.name);
    }
    return { instances, openTasks, steps, taskNames };
  }
}
