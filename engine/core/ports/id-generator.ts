export interface IdGenerator {
  /** a new globally unique id */
  next(): string;
}
