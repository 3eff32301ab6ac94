/** Injection tokens of the engine module. */
export const ENGINE_SETTINGS = Symbol('ENGINE_SETTINGS');
export const DATABASE = Symbol('DATABASE');
/** CommitCompanionWriters: where the application registers how its records that commit with a command are written */
export const COMMIT_COMPANIONS = Symbol('COMMIT_COMPANIONS');
