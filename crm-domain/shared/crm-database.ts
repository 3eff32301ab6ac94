import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { CrmTx } from './crm-tx.js';

export type CommitListener = (eventIds: readonly string[]) => Promise<void>;

/** The CRM's access to the shared database: short transactions, and a hook after each commit. */
@Injectable()
export class CrmDatabase {
  private readonly commitListeners: CommitListener[] = [];

  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}

  get dataSource(): DataSource {
    return this.db.dataSource;
  }

  get kind(): OpenedDatabase['kind'] {
    return this.db.kind;
  }

  /** called after a transaction that emitted record events committed (never inside it) */
  onCommitted(listener: CommitListener): void {
    this.commitListeners.push(listener);
  }

  /**
   * Runs `work` in one transaction. Never call the engine inside it: the engine needs the same
   * connection on the embedded database. Record events emitted by `work` are handed to the
   * commit listeners once the transaction has committed.
   */
  async transaction<T>(actor: string, work: (tx: CrmTx) => Promise<T>): Promise<T> {
    let emitted: readonly string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new CrmTx(manager, actor);
      const value = await work(tx);
      emitted = tx.emittedEventIds;
      return value;
    });
    if (emitted.length > 0) for (const listener of this.commitListeners) await listener(emitted);
    return result;
  }

  /** a read outside any transaction */
  query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.dataSource.query(sql, params) as Promise<R[]>;
  }
}
