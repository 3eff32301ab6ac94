import type { DataSource } from 'typeorm';
import { DefinitionGraphCache } from '../../core/definitions/graph-cache.js';
import { OptimisticLockError } from '../../core/errors/index.js';
import type { InstanceSnapshot } from '../../core/execution/instance-aggregate.js';
import type { ExternalTaskRecord, JobRecord } from '../../core/execution/records.js';
import type { EngineStore, EngineTransaction, ExternalTaskLockRequest, TransactionOptions } from '../../core/ports/engine-store.js';
import { CommitCompanionWriters } from './commit-companions.js';
import { LatestDefinitions } from './latest-definitions.js';
import { DEFAULT_RECENT_INSTANCES, RecentInstances, type RecentInstancesSettings } from './recent-instances.js';
import { isRetryableConflict, preparesStatements, Sql } from './sql.js';
import { SqlEngineTransaction } from './sql-engine-transaction.js';
import { externalTaskTable, jobTable } from './tables/runtime-tables.js';
import { readRow } from './tables/table.js';

/** The engine's store on PostgreSQL (or PGlite): one database transaction per command. */
export class SqlEngineStore implements EngineStore {
  readonly graphs = new DefinitionGraphCache();
  private readonly latest = new LatestDefinitions();
  /** how the application's records that commit with a command are written (its audit rows) */
  readonly companions = new CommitCompanionWriters();

  /** the instances this node wrote last, which a command's first attempt may take instead of reading them */
  readonly recent: RecentInstances;

  /** named (prepared) statements on PostgreSQL; PGlite's single session gains nothing from them */
  private readonly prepare: boolean;

  constructor(private readonly dataSource: DataSource, recent: RecentInstancesSettings = DEFAULT_RECENT_INSTANCES) {
    this.prepare = preparesStatements(dataSource);
    this.recent = new RecentInstances(recent);
  }

  async transaction<T>(work: (tx: EngineTransaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    let tx: SqlEngineTransaction | undefined;
    try {
      const result = await this.withTransaction((sql) => {
        tx = new SqlEngineTransaction(sql, this.graphs, this.latest, this.companions, this.recent, options.recentInstances === true);
        return work(tx);
      });
      tx?.rememberWritten();
      this.recent.countProven(tx?.guessedInstanceIds.length ?? 0);
      return result;
    } catch (error) {
      const guessed = tx?.guessedInstanceIds ?? [];
      if (guessed.length === 0) throw error;
      // whatever failed, it may have failed on a stale guess: forget it, and let the command run again on what is stored
      this.recent.countStale(guessed.length);
      for (const id of guessed) this.recent.forget(id);
      throw error instanceof OptimisticLockError ? error : new OptimisticLockError('process instance', guessed.join(', '));
    }
  }

  async withTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const sql = new Sql(runner, this.prepare);
      try {
        const result = await work(sql);
        await sql.finish();
        return result;
      } catch (error) {
        await sql.abort().catch(() => undefined);
        if (isRetryableConflict(error)) throw new OptimisticLockError('row', 'concurrent update');
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  async lockExternalTasks(request: ExternalTaskLockRequest): Promise<ExternalTaskRecord[]> {
    if (request.topics.length === 0 || request.maxTasks <= 0) return [];
    return this.withTransaction(async (sql) => {
      const params: unknown[] = [request.now];
      const topicConditions = request.topics.map((topic) => {
        const parts = [`topic = $${params.push(topic.topicName)}`];
        if (topic.processDefinitionIdIn?.length) parts.push(`definition_id = ANY($${params.push(topic.processDefinitionIdIn)}::text[])`);
        if (topic.processDefinitionKeyIn?.length) parts.push(`definition_key = ANY($${params.push(topic.processDefinitionKeyIn)}::text[])`);
        if (topic.businessKey !== undefined) parts.push(`business_key = $${params.push(topic.businessKey)}`);
        if (topic.tenantIdIn?.length) parts.push(`tenant_id = ANY($${params.push(topic.tenantIdIn)}::text[])`);
        if (topic.withoutTenantId) parts.push('tenant_id IS NULL');
        return `(${parts.join(' AND ')})`;
      });
      const order = request.usePriority ? 'priority DESC, created, id' : 'created, id';
      const candidates = await sql.rows<{ id: string; topic: string }>(
        `SELECT id, topic FROM engine.external_task
         WHERE (retries IS NULL OR retries > 0) AND (lock_expiration IS NULL OR lock_expiration <= $1)
           AND (${topicConditions.join(' OR ')})
         ORDER BY ${order} LIMIT ${Math.floor(request.maxTasks)} FOR UPDATE SKIP LOCKED`,
        params,
      );
      if (candidates.length === 0) return [];
      const durations = new Map(request.topics.map((t) => [t.topicName, t.lockDurationMs]));
      const locked: ExternalTaskRecord[] = [];
      for (const candidate of candidates) {
        const expiration = new Date(request.now.getTime() + (durations.get(candidate.topic) ?? 0));
        const row = await sql.one('UPDATE engine.external_task SET worker_id = $2, lock_expiration = $3 WHERE id = $1 RETURNING *', [
          candidate.id,
          request.workerId,
          expiration,
        ]);
        if (row) locked.push(readRow(externalTaskTable, row));
      }
      return locked;
    });
  }

  async claimJob(jobId: string, owner: string, lockMs: number, options: { ignoreDueDate?: boolean } = {}): Promise<JobRecord | null> {
    return this.withTransaction(async (sql) => {
      const force = options.ignoreDueDate === true;
      const [claimed] = await sql.atomically([{
        sql: `UPDATE engine.job SET lock_owner = $2, lock_expiration = now() + ($3::text || ' milliseconds')::interval
         WHERE id = $1 AND retries > 0 AND NOT suspended
           AND ($4 OR due_at <= now())
           AND ($4 OR lock_expiration IS NULL OR lock_expiration <= now())
         RETURNING *`,
        params: [jobId, owner, String(lockMs), force],
      }]);
      const row = claimed!.rows[0];
      return row ? readRow(jobTable, row) : null;
    });
  }

  async renewJobLock(jobId: string, owner: string, lockMs: number): Promise<boolean> {
    return this.withTransaction(async (sql) => (await sql.exec(
      `UPDATE engine.job SET lock_expiration = now() + ($3::text || ' milliseconds')::interval WHERE id = $1 AND lock_owner = $2`,
      [jobId, owner, String(lockMs)],
    )) === 1);
  }

  async claimDueJobs(owner: string, lockMs: number, limit: number): Promise<JobRecord[]> {
    return this.withTransaction(async (sql) => {
      const [claimed] = await sql.atomically([{
        sql: `UPDATE engine.job j SET lock_owner = $1, lock_expiration = now() + ($2::text || ' milliseconds')::interval
         FROM (SELECT id FROM engine.job
                WHERE retries > 0 AND NOT suspended AND due_at <= now() AND (lock_expiration IS NULL OR lock_expiration <= now())
                ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
         WHERE j.id = due.id
         RETURNING j.*`,
        params: [owner, String(lockMs), Math.floor(limit)],
      }]);
      return claimed!.rows.map((row) => readRow(jobTable, row)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    });
  }

  async loadInstances(ids: readonly string[]): Promise<InstanceSnapshot[]> {
    if (ids.length === 0) return [];
    return this.withTransaction((sql) => new SqlEngineTransaction(sql, this.graphs).loadInstances(ids));
  }

  async msUntilNextDueJob(): Promise<number | null> {
    return this.withTransaction(async (sql) => {
      const row = await sql.readOne<{ ms: number | null }>(
        // GREATEST skips a NULL: without a row, min() must stay NULL (nothing waits), not become 0 (due now)
        `SELECT CASE WHEN min(due_at) IS NULL THEN NULL ELSE GREATEST(0, extract(epoch FROM min(due_at) - now()) * 1000)::float8 END AS ms FROM engine.job
          WHERE retries > 0 AND NOT suspended AND (lock_expiration IS NULL OR lock_expiration <= now())`,
      );
      return row?.ms === null || row?.ms === undefined ? null : Number(row.ms);
    });
  }

  async findDispatchableJobs(horizonMs: number, limit: number): Promise<{ id: string; dueAt: Date }[]> {
    return this.withTransaction(async (sql) => {
      const rows = await sql.read<{ id: string; due_at: Date }>(
        `SELECT id, due_at FROM engine.job
         WHERE retries > 0 AND NOT suspended AND due_at <= now() + ($1::text || ' milliseconds')::interval
           AND (lock_expiration IS NULL OR lock_expiration <= now())
         ORDER BY due_at LIMIT ${Math.floor(limit)}`,
        [String(horizonMs)],
      );
      return rows.map((r) => ({ id: r.id, dueAt: new Date(r.due_at) }));
    });
  }

  /** the database's clock, which due times and locks are measured against */
  async databaseNow(): Promise<Date> {
    return this.withTransaction(async (sql) => new Date((await sql.readOne<{ now: Date }>('SELECT now() AS now'))!.now));
  }
}
