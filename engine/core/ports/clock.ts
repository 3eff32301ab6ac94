/** The only source of time for the core: tests pass a manual clock, adapters one aligned with the database. */
export interface Clock {
  now(): Date;
}
