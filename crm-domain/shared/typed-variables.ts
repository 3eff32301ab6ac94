import { inferTypedValue, type TypedValue } from '../../engine/core/variables/index.js';

/** plain values → the engine's typed variables (numbers, strings, booleans, JSON, dates) */
export function typedVariables(values: Readonly<Record<string, unknown>>): Map<string, TypedValue> {
  return new Map(Object.entries(values).map(([name, value]) => [name, inferTypedValue(value, name)]));
}
