import { Injectable } from '@nestjs/common';
import type { RecordViewer } from '../access/record-viewer.js';
import type { Activity } from '../activities/activity.entity.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { RecordType } from '../shared/record-types.js';
import { lookUpRecord, userNames, type RecordRef } from './record-lookup.js';
import { RecordProcessesService } from './record-processes.service.js';
import { activityEntry, changeEntry, instanceView, stepEntries, taskView, type ChangeRow, type TimelineEntry } from './timeline-entries.js';
import { CrmInvalidRequestError, CrmNotFoundError } from '../shared/crm-errors.js';
import { mergedRecordIds } from '../duplicates/merged-records.js';
import type { RecordProcesses } from './record-processes.service.js';
import { parseCursor, timelinePage } from './timeline-360.js';

/**
 * A record's timeline: its changes (with who), its activities and the steps of its processes
 * (business key = record id), oldest first; plus the processes themselves and their open tasks.
 * A record others were merged into (crm-domain/duplicates) shows theirs too.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly db: CrmDatabase,
    private readonly processes: RecordProcessesService,
  ) {}

  /** a record the viewer does not see is answered like one that does not exist; its activities and processes come with it */
  async timeline(type: RecordType, id: string, limit: number, viewer: RecordViewer) {
    const record = await this.record(type, id, viewer);
    const manager = this.db.dataSource.manager;
    const ids = [id, ...(await mergedRecordIds(manager, type, id))];
    const changes = await this.db.query<ChangeRow>(
      'SELECT actor, action, changes, at FROM crm.record_changes WHERE record_id = ANY($1::uuid[]) ORDER BY at DESC, id DESC LIMIT $2',
      [ids, limit],
    );
    const activities = await manager.query('SELECT * FROM crm.activities WHERE record_id = ANY($1::uuid[]) ORDER BY created_at DESC LIMIT $2', [ids, limit]);
    const activityRows = (activities as Record<string, unknown>[]).map(toActivity);
    const { instances, openTasks, steps, taskNames } = await this.processesOfAll(ids);
    const names = await userNames(manager, [
      ...changes.map((c) => c.actor),
      ...activityRows.flatMap((a) => [a.ownerId, a.createdBy]),
      ...[...steps.values()].flat().map((s) => s.assignee),
      ...instances.map((i) => i.startUserId),
      ...openTasks.map((t) => t.assignee),
    ]);
    const entries: TimelineEntry[] = [
      ...changes.map((c) => changeEntry(c, names)),
      ...activityRows.map((a) => activityEntry(a, names)),
      ...instances.flatMap((i) => stepEntries(i, steps.get(i.id) ?? [], names, taskNames)),
    ];
    entries.sort((a, b) => a.at.getTime() - b.at.getTime());
    return {
      record,
      processes: instances.map(instanceView),
      openTasks: openTasks.map((t) => taskView(t, names)),
      entries: entries.slice(-limit),
    };
  }

  /** one page of the record's timeline, newest first; a company's or contact's with its related records' (timeline-360.ts) */
  async page(type: RecordType, id: string, before: string | null, limit: number, viewer: RecordViewer) {
    const cursor = before === null ? null : parseCursor(before);
    if (before !== null && !cursor) throw new CrmInvalidRequestError("Invalid query parameter 'before': expected the 'next' of a previous page");
    const record = await this.record(type, id, viewer);
    const merged = await mergedRecordIds(this.db.dataSource.manager, type, id);
    const page = await timelinePage(this.db.dataSource.manager, record, cursor, limit, viewer, merged);
    return { record, ...page };
  }

  /** the record's process instances and open tasks */
  async processesOf(type: RecordType, id: string, viewer: RecordViewer) {
    const record = await this.record(type, id, viewer);
    const ids = [id, ...(await mergedRecordIds(this.db.dataSource.manager, type, id))];
    const instances = (await Promise.all(ids.map((i) => this.processes.instances(i)))).flat();
    const openTasks = (await Promise.all(ids.map((i) => this.processes.openTasks(i)))).flat();
    const names = await userNames(this.db.dataSource.manager, openTasks.map((t) => t.assignee));
    return { record, processes: instances.map(instanceView), openTasks: openTasks.map((t) => taskView(t, names)) };
  }

  /** the processes of the record and of those merged into it */
  private async processesOfAll(ids: readonly string[]): Promise<RecordProcesses> {
    const all = await Promise.all(ids.map((i) => this.processes.withSteps(i)));
    if (all.length === 1) return all[0]!;
    return {
      instances: all.flatMap((p) => p.instances),
      openTasks: all.flatMap((p) => p.openTasks),
      steps: new Map(all.flatMap((p) => [...p.steps])),
      taskNames: new Map(all.flatMap((p) => [...p.taskNames])),
    };
  }

  private async record(type: RecordType, id: string, viewer: RecordViewer): Promise<RecordRef> {
    const record = await lookUpRecord(this.db.dataSource.manager, type, id, viewer);
    if (!record) throw new CrmNotFoundError(`${type[0]!.toUpperCase()}${type.slice(1)} with id '${id}' does not exist`);
    return record;
  }
}

function toActivity(row: Record<string, unknown>): Activity {
  return {
    id: String(row['id']),
    kind: row['kind'] as Activity['kind'],
    subject: String(row['subject']),
    scheduledAt: (row['scheduled_at'] as Date | null) ?? null,
    dueAt: (row['due_at'] as Date | null) ?? null,
    done: row['done'] === true,
    doneAt: row['done_at'] ? new Date(row['done_at'] as string) : null,
    result: (row['result'] as string | null) ?? null,
    ownerId: (row['owner_id'] as string | null) ?? null,
    recordType: (row['record_type'] as Activity['recordType']) ?? null,
    recordId: (row['record_id'] as string | null) ?? null,
    remindBefore: (row['remind_before_minutes'] as number | null) ?? null,
    remindAt: row['remind_at'] ? new Date(row['remind_at'] as string) : null,
    createdBy: String(row['created_by']),
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
  };
}
