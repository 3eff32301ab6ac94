/** One of the transactions of a race: it reports when it reached its commit or ended without one. */
export interface Racer {
  /** waits until every racer reached its commit (or ended), then lets this one commit */
  atCommit(): Promise<void>;
  ended(): void;
}

/**
 * Lets `size` transactions run side by side and holds each one's commit until all of them read
 * their state and reached their commit (or ended without one): concurrent requests that read the
 * same revision, so all but the first to commit lose the optimistic-lock check, as on PostgreSQL.
 */
export class CommitRace {
  private admitted = 0;
  private arrived = 0;
  private release: () => void = () => undefined;
  private readonly allArrived = new Promise<void>((resolve) => (this.release = resolve));
  private readonly racing: Promise<unknown>[] = [];

  constructor(private readonly size: number) {}

  /** a racer, while places are left */
  admit(): Racer | null {
    if (this.full) return null;
    this.admitted++;
    let done = false;
    const arrive = () => {
      if (done) return;
      done = true;
      if (++this.arrived >= this.size) this.release();
    };
    return {
      atCommit: async () => {
        arrive();
        await this.allArrived;
      },
      ended: arrive,
    };
  }

  get full(): boolean {
    return this.admitted >= this.size;
  }

  track(transaction: Promise<unknown>): void {
    this.racing.push(transaction);
  }

  /** resolves once every racer's transaction ended, however it ended */
  settled(): Promise<unknown> {
    return Promise.allSettled(this.racing);
  }
}
