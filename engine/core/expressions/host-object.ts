import { ExpressionEvaluationError } from './errors.js';

/** Brand that marks an object as a host object (e.g. `execution`, `task`, `dateTime()`). */
export const HOST_OBJECT: unique symbol = Symbol('HostObject');

/**
 * An engine-provided object that expressions may read properties of and call methods on.
 * The host decides what is allowed and throws ExpressionEvaluationError otherwise.
 */
export interface HostObject {
  readonly [HOST_OBJECT]: true;
  getProperty(name: string): unknown;
  callMethod(name: string, args: unknown[]): unknown;
}

export function isHostObject(value: unknown): value is HostObject {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<HostObject>;
  return (
    candidate[HOST_OBJECT] === true &&
    typeof candidate.getProperty === 'function' &&
    typeof candidate.callMethod === 'function'
  );
}

/** Convenience for host implementations: the standard "not allowed" error. */
export function methodNotAllowed(name: string, receiver: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError(`Method '${name}' is not allowed on ${receiver}`);
}
