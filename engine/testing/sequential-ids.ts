import type { IdGenerator } from '../core/ports/id-generator.js';

/** Readable, deterministic ids for specs. */
export class SequentialIds implements IdGenerator {
  private counter = 0;

  next(): string {
    this.counter += 1;
    return `id-${this.counter}`;
  }
}
