import { Requires } from './route-access.js';

/**
 * What callers may do to the engine, in the words of a refusal ("may not deploy processes").
 * Reading needs no permission: the queries narrow what a caller sees.
 */
export const ENGINE_PERMISSIONS = {
  'engine.deploy': 'deploy or delete processes and forms',
  'engine.start': 'start process instances',
  'engine.operate': 'operate process instances (cancel, move tokens, change variables, retry, suspend, batches)',
  'engine.task': 'work on tasks',
  'engine.external-task': 'fetch and complete external tasks',
  'engine.correlate': 'send messages and signals',
  'engine.monitor': 'read metrics and health details',
} as const;

export type EnginePermission = keyof typeof ENGINE_PERMISSIONS;

/** the route needs an engine permission */
export const EngineRequires = (permission: EnginePermission) => Requires(permission, ENGINE_PERMISSIONS[permission]);
