import type { CommitCompanion } from '../../core/ports/engine-store.js';

/**
 * How one kind of CommitCompanion is written: the table it goes to and one statement part
 * (an INSERT) that numbers its parameters after those already in `params` (`$${params.push(v)}`).
 */
export interface CommitCompanionWriter {
  readonly table: string;
  part(record: unknown, params: unknown[]): string;
}

/**
 * The writers of the application's companion records, by kind: the application registers its own
 * (the CRM its audit rows) at start, so the engine's writer can put them in a command's own write
 * statement without knowing their tables.
 */
export class CommitCompanionWriters {
  private readonly writers = new Map<string, CommitCompanionWriter>();

  register(kind: string, writer: CommitCompanionWriter): void {
    if (this.writers.has(kind)) throw new Error(`A writer of commit companions '${kind}' is registered already`);
    this.writers.set(kind, writer);
  }

  /** a companion nobody writes would be lost silently: a programming error, raised before anything is written */
  writerOf(companion: CommitCompanion): CommitCompanionWriter {
    const writer = this.writers.get(companion.kind);
    if (!writer) throw new Error(`No writer of commit companions '${companion.kind}' is registered`);
    return writer;
  }
}
