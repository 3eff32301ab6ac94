import type { InstanceChanges, InstanceSnapshot } from '../../core/execution/instance-aggregate.js';
import { byOwnedKind, type OwnedKind } from '../../core/execution/owned-kinds.js';
import type { JobRecord, ProcessInstanceRecord, TaskRecord } from '../../core/execution/records.js';
import type { TrackedChanges } from '../../core/execution/tracked-map.js';
import { RecentInstances, storedAfter } from './recent-instances.js';

const NOTHING: TrackedChanges<never> = { inserted: [], updated: [], deleted: [] };

function instance(id: string): ProcessInstanceRecord {
  return {
    id, definitionId: 'd:1', definitionKey: 'd', businessKey: null, rootInstanceId: id, superInstanceId: null, superElementInstanceId: null,
    state: 'ACTIVE', suspended: false, startTime: new Date('2026-12-07T10:00:00Z'), startUserId: null, tenantId: null,
  };
}

function task(id: string, instanceId: string): TaskRecord {
  return {
    id, processInstanceId: instanceId, elementInstanceId: `ei-${id}`, definitionId: 'd:1', definitionKey: 'd', taskDefinitionKey: 'review',
    name: null, description: null, assignee: null, owner: null, candidateUsers: [], candidateGroups: ['sales'], priority: 50, due: null,
    followUp: null, formKey: null, formRef: null, created: new Date('2026-12-07T10:00:00Z'), delegationState: null, businessKey: null, tenantId: null,
  } as TaskRecord;
}

/** the changes of a command that created the instance with these rows */
function created(id: string, rows: Partial<{ tasks: TaskRecord[]; jobs: JobRecord[] }> = {}): InstanceChanges {
  return {
    instanceId: id, expectedRevision: null, instance: instance(id), ended: false, elementsBefore: [], elementsAfter: [],
    ...byOwnedKind<Record<OwnedKind, TrackedChanges<unknown>>>((kind) => ({ ...NOTHING, inserted: (rows as Record<string, unknown[]>)[kind] ?? [] })),
  } as unknown as InstanceChanges;
}

/** an instance as read, holding one job */
function storedSnapshotWith(job: JobRecord): InstanceSnapshot {
  return { instance: instance('p1'), revision: 1, ...byOwnedKind<Record<OwnedKind, unknown[]>>((kind) => (kind === 'jobs' ? [job] : [])) } as unknown as InstanceSnapshot;
}

describe('RecentInstances', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('finds an instance by its id and by its tasks, at the revision its write set', () => {
    const recent = new RecentInstances({ capacity: 10, ttlMs: 1000 }, clock);
    recent.remember('p1', storedAfter(null, created('p1', { tasks: [task('t1', 'p1')] }))!);
    expect(recent.get('p1')).toMatchObject({ revision: 1, instance: { id: 'p1' }, tasks: [{ id: 't1', candidateGroups: ['sales'] }] });
    expect(recent.ofTask('t1')?.instance.id).toBe('p1');
    expect(recent.ofTask('t2')).toBeNull();
  });

  it('applies a later command\'s changes to what it read, and forgets tasks that are gone', () => {
    const recent = new RecentInstances({ capacity: 10, ttlMs: 1000 }, clock);
    recent.remember('p1', storedAfter(null, created('p1', { tasks: [task('t1', 'p1')] }))!);
    const before = recent.get('p1')!;
    const next = {
      ...created('p1'), expectedRevision: 1,
      tasks: { inserted: [task('t2', 'p1')], updated: [], deleted: ['t1'] },
    } as InstanceChanges;
    recent.remember('p1', storedAfter(before, next)!);
    expect(recent.get('p1')).toMatchObject({ revision: 2, tasks: [{ id: 't2' }] });
    expect(recent.ofTask('t1')).toBeNull();
    expect(recent.ofTask('t2')?.instance.id).toBe('p1');
  });

  it('keeps nothing of an ended instance', () => {
    expect(storedAfter(null, { ...created('p1'), ended: true })).toBeNull();
  });

  it('keeps no instance with jobs', () => {
    const recent = new RecentInstances({ capacity: 10, ttlMs: 1000 }, clock);
    const job = { id: 'j1', processInstanceId: 'p1', dueAt: new Date(), retryIntervalsMs: [], payload: {}, created: new Date() } as unknown as JobRecord;
    recent.remember('p1', storedAfter(null, created('p1', { tasks: [task('t1', 'p1')], jobs: [job] }))!);
    expect(recent.get('p1')).toBeNull();
    expect(recent.ofTask('t1')).toBeNull();
  });

  it('lets entries lapse after their time and drops the oldest beyond its capacity', () => {
    const recent = new RecentInstances({ capacity: 2, ttlMs: 1000 }, clock);
    for (const id of ['p1', 'p2', 'p3']) recent.remember(id, storedAfter(null, created(id, { tasks: [task(`t-${id}`, id)] }))!);
    expect(recent.size).toBe(2);
    expect(recent.get('p1')).toBeNull();
    expect(recent.ofTask('t-p1')).toBeNull();
    expect(recent.get('p3')).not.toBeNull();
    now += 1001;
    expect(recent.get('p3')).toBeNull();
    expect(recent.ofTask('t-p2')).toBeNull();
  });

  it('keeps nothing with a capacity of 0', () => {
    const recent = new RecentInstances({ capacity: 0, ttlMs: 1000 }, clock);
    recent.remember('p1', storedAfter(null, created('p1'))!);
    expect(recent.get('p1')).toBeNull();
  });

  it('tells before any row is built whether it would keep the instance', () => {
    const recent = new RecentInstances({ capacity: 10, ttlMs: 1000 }, clock);
    const job = { id: 'j1', processInstanceId: 'p1', dueAt: new Date(), retryIntervalsMs: [], payload: {}, created: new Date() } as unknown as JobRecord;
    expect(recent.keeps(null, created('p1', { tasks: [task('t1', 'p1')] }))).toBe(true);
    expect(recent.keeps(null, { ...created('p1'), ended: true })).toBe(false);
    expect(recent.keeps(null, created('p1', { jobs: [job] }))).toBe(false);
    const withJob = { ...storedSnapshotWith(job), revision: 1 };
    expect(recent.keeps(withJob, { ...created('p1'), expectedRevision: 1 })).toBe(false);
    expect(recent.keeps(withJob, { ...created('p1'), expectedRevision: 1, jobs: { inserted: [], updated: [], deleted: ['j1'] } } as InstanceChanges)).toBe(true);
    expect(new RecentInstances({ capacity: 0, ttlMs: 1000 }, clock).keeps(null, created('p1'))).toBe(false);
  });

  it('hands out new records on every use', () => {
    const recent = new RecentInstances({ capacity: 10, ttlMs: 1000 }, clock);
    recent.remember('p1', storedAfter(null, created('p1', { tasks: [task('t1', 'p1')] }))!);
    const first = recent.get('p1')!;
    (first.tasks[0]!.candidateGroups as string[]).push('everyone');
    expect(recent.get('p1')!.tasks[0]!.candidateGroups).toEqual(['sales']);
    expect(recent.get('p1')!.instance.startTime).not.toBe(first.instance.startTime);
  });
});
