import { EngineSchema1763900000000 } from './1763900000000-engine-schema.js';

/** Every migration, oldest first. Append only: a shipped migration is never edited. */
export const migrations = [EngineSchema1763900000000];
