import { checkJsonDepth, checkJsonLength } from './json-limits.js';
import { toJsonSafeCopy } from './json-values.js';
import { coerceTypedValue } from './typed-value-coercion.js';
import { inferTypedValue } from './typed-value-inference.js';
import { isRecord, normalizeValueInfo } from './value-info.js';
import { VariableValueError, conversionError } from './variable-value-error.js';
import { VARIABLE_TYPE_NAMES, resolveVariableTypeName, type TypedValue } from './variable-types.js';

/**
 * Parses one Camunda `VariableValueDto` from a request body. The type name is matched
 * case-insensitively; without a type it is inferred from the JSON value.
 * Throws VariableValueError when the value does not fit its type.
 */
export function fromDto(name: string, dto: unknown): TypedValue {
  if (!isRecord(dto)) {
    throw new VariableValueError(
      name,
      `Invalid variable '${name}': expected an object like {"value": ..., "type": "String", "valueInfo": {}}`,
    );
  }
  const { value, type } = dto;
  const valueInfo = normalizeValueInfo(name, dto.valueInfo);

  if (type === undefined || type === null) {
    const inferred = inferTypedValue(value, name);
    return valueInfo === undefined ? inferred : { ...inferred, valueInfo };
  }
  if (typeof type !== 'string') {
    throw new VariableValueError(name, `Invalid type of variable '${name}': expected a type name string`);
  }
  const typeName = resolveVariableTypeName(type);
  if (typeName === undefined) {
    throw conversionError(name, value, type, `unsupported type, expected one of ${VARIABLE_TYPE_NAMES.join(', ')}`);
  }
  if (typeName === 'Json' || typeName === 'Object') checkJsonInput(name, value);
  return coerceTypedValue(name, typeName, value, valueInfo);
}

/** a client's Json or Object value must stay within JSON_VALUE_LIMITS (stored values are not checked again) */
function checkJsonInput(name: string, value: unknown): void {
  if (value === null || value === undefined) return;
  checkJsonDepth(name, value);
  checkJsonLength(name, typeof value === 'string' ? value.length : (toJsonSafeCopy(value)?.textLength ?? 0));
}

/**
 * Parses a request's variables map `{ name: dto }`. null/undefined means no variables;
 * anything but an object is a VariableValueError naming `fieldName`.
 */
export function fromDtoMap(map: unknown, fieldName = 'variables'): Map<string, TypedValue> {
  const result = new Map<string, TypedValue>();
  if (map === undefined || map === null) return result;
  if (map instanceof Map) return fromDtoMap(Object.fromEntries(map), fieldName);
  if (!isRecord(map)) {
    throw new VariableValueError(
      fieldName,
      `Invalid '${fieldName}': expected an object mapping variable names to {"value": ..., "type": ...}`,
    );
  }
  for (const [name, dto] of Object.entries(map)) {
    if (name === '') {
      throw new VariableValueError(fieldName, `Invalid '${fieldName}': variable names must be non-empty strings`);
    }
    result.set(name, fromDto(name, dto));
  }
  return result;
}
