import { Inject, Injectable } from '@nestjs/common';
import type { TaskActor } from '../../engine/core/commands/task-writes.js';
import { Engine } from '../../engine/core/engine.js';
import type { Filter } from '../../engine/core/ports/engine-queries.js';
import type { EngineQueries } from '../../engine/core/ports/engine-queries.js';
import type { CommandOptions } from '../../engine/core/commands/command-processor.js';
import { IdentityDirectory } from '../../engine/nest/identity-directory.js';
import { ENGINE_QUERIES } from '../../engine/nest/engine-providers.js';
import { TaskVisibility, type TaskViewer } from '../../engine/nest/task-visibility.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { typedVariables } from '../shared/typed-variables.js';
import { lookUpRecords, userNames } from '../timeline/record-lookup.js';
import { taskView } from '../timeline/timeline-entries.js';
import type { TaskListQuery } from './task-schemas.js';
import { CrmNotFoundError } from '../shared/crm-errors.js';

/** Open process tasks as the CRM shows them: each with the record it is about (its business key); a list holds only the tasks its viewer may see. */
@Injectable()
export class TasksService {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
    private readonly identity: IdentityDirectory,
    private readonly visibility: TaskVisibility,
    private readonly db: CrmDatabase,
  ) {}

  async list(query: TaskListQuery, viewer: TaskViewer) {
    const filter = { ...(await this.filter(query)), ...(await this.visibility.filterFor(viewer)) };
    const [tasks, total] = await Promise.all([
      this.queries.tasks({ filter, sorting: [{ sortBy: 'created', sortOrder: 'asc' }], page: { firstResult: (query.page - 1) * query.pageSize, maxResults: query.pageSize } }),
      this.queries.countTasks(filter),
    ]);
    const manager = this.db.dataSource.manager;
    const [records, names] = await Promise.all([lookUpRecords(manager, tasks.map((t) => t.businessKey)), userNames(manager, tasks.map((t) => t.assignee))]);
    const items = tasks.map((t) => ({ ...taskView(t, names), record: t.businessKey ? (records.get(t.businessKey) ?? null) : null }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string) {
    const [task] = await this.queries.tasks({ filter: { taskId: id } });
    if (!task) throw new CrmNotFoundError(`Task with id '${id}' does not exist`);
    const manager = this.db.dataSource.manager;
    const [records, names] = await Promise.all([lookUpRecords(manager, [task.businessKey]), userNames(manager, [task.assignee])]);
    return { ...taskView(task, names), description: task.description, record: task.businessKey ? (records.get(task.businessKey) ?? null) : null };
  }

  /** `options.companions`: records that commit with the command or not at all (the call's audit row) */
  async complete(id: string, variables: Record<string, unknown>, actor: TaskActor, options: CommandOptions = {}): Promise<void> {
    await this.engine.completeTask({ taskId: id, variables: typedVariables(variables), actor }, options);
  }

  async claim(id: string, userId: string, options: CommandOptions = {}): Promise<void> {
    await this.engine.claimTask(id, userId, options);
  }

  private async filter(query: TaskListQuery): Promise<Filter> {
    const filter: Record<string, unknown> = {};
    if (query.assignee) filter['assignee'] = query.assignee;
    if (query.recordId) filter['processInstanceBusinessKey'] = query.recordId;
    if (query.processDefinitionKey) filter['processDefinitionKey'] = query.processDefinitionKey;
    if (query.candidateGroup) filter['candidates'] = { users: [], groups: [query.candidateGroup], includeAssigned: true };
    if (query.dueBefore) filter['dueBefore'] = query.dueBefore;
    if (query.involvedUser) filter['involvedUserOrGroups'] = { user: query.involvedUser, groups: await this.identity.groupsOf(query.involvedUser) };
    return filter;
  }
}
