import { OptimisticLockError } from '../errors/index.js';
import type { CommitCompanion, EngineStore, EngineTransaction, UnitOfWorkChanges } from '../ports/engine-store.js';
import type { JobDispatcher } from '../ports/job-dispatcher.js';
import type { EngineServices } from './command-scope.js';
import { CommandProcessor } from './command-processor.js';

const auditRow: CommitCompanion = { kind: 'spec.audit-row', record: { action: 'task.claim' } };

/** a store whose first `lostRaces` commits lose the revision check; it keeps what each commit was given */
function storeLosing(lostRaces: number): { store: EngineStore; commits: UnitOfWorkChanges[]; committed: () => UnitOfWorkChanges[] } {
  const commits: UnitOfWorkChanges[] = [];
  let failures = lostRaces;
  const store = {
    transaction: async <T>(work: (tx: EngineTransaction) => Promise<T>) =>
      work({
        commit: async (changes: UnitOfWorkChanges) => {
          commits.push(changes);
          if (failures-- > 0) throw new OptimisticLockError('process instance', 'p1');
        },
      } as unknown as EngineTransaction),
  } as unknown as EngineStore;
  return { store, commits, committed: () => commits.slice(lostRaces) };
}

const services = { historyLevel: 'full', clock: { now: () => new Date('2026-12-07T08:00:00Z') } } as unknown as EngineServices;
const dispatcher: JobDispatcher = { dispatch: async () => undefined } as unknown as JobDispatcher;
const listener = { externalTasksCreated: () => undefined, dispatchFailed: () => undefined };

describe('CommandProcessor: records that commit with a command', () => {
  it('hands the caller\'s companions to the commit, once', async () => {
    const { store, commits } = storeLosing(0);
    await new CommandProcessor(store, services, dispatcher, listener).run(async () => 'done', [], { companions: [auditRow] });
    expect(commits.map((c) => c.companions)).toEqual([[auditRow]]);
  });

  it('gives them to the attempt that commits after a lost race, not twice', async () => {
    const { store, commits, committed } = storeLosing(2);
    const value = await new CommandProcessor(store, services, dispatcher, listener).run(async () => 'done', [], { companions: [auditRow] });
    expect(value).toBe('done');
    expect(commits).toHaveLength(3);
    expect(committed().map((c) => c.companions)).toEqual([[auditRow]]);
    // each attempt starts from a fresh unit of work: the lost attempts' companions were never stored
    expect(commits.every((c) => c.companions?.length === 1)).toBe(true);
  });

  it('commits none when the command fails', async () => {
    const { store, commits } = storeLosing(0);
    const failing = new CommandProcessor(store, services, dispatcher, listener).run(async () => {
      throw new Error('refused');
    }, [], { companions: [auditRow] });
    await expect(failing).rejects.toThrow('refused');
    expect(commits).toEqual([]);
  });

  it('commits no companions when the caller gave none', async () => {
    const { store, commits } = storeLosing(0);
    await new CommandProcessor(store, services, dispatcher, listener).run(async () => 'done');
    expect(commits[0]?.companions).toBeUndefined();
  });
});
