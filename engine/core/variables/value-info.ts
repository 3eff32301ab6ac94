import { toJsonSafeCopy } from './json-values.js';
import { VariableValueError } from './variable-value-error.js';

/**
 * Validates a DTO's `valueInfo` and returns a JSON-safe copy; undefined when absent or empty,
 * so that "no valueInfo" has one representation.
 */
export function normalizeValueInfo(
  variableName: string,
  valueInfo: unknown,
): Record<string, unknown> | undefined {
  if (valueInfo === undefined || valueInfo === null) return undefined;
  const copy = isRecord(valueInfo) ? toJsonSafeCopy(valueInfo) : undefined;
  if (copy === undefined) {
    throw new VariableValueError(
      variableName,
      `Invalid valueInfo of variable '${variableName}': expected a JSON object`,
    );
  }
  const info = copy.value as Record<string, unknown>;
  return Object.keys(info).length === 0 ? undefined : info;
}

/**
 * A non-null, non-array object. Class instances count too: a REST layer may hand over
 * transformed DTO classes instead of the parsed JSON.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}
