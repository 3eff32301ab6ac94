/** Injection tokens of the engine module. */
export const ENGINE_SETTINGS = Symbol('ENGINE_SETTINGS');
export const DATABASE = Symbol('DATABASE');
