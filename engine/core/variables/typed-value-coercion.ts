import { parseCamundaDate } from './camunda-date.js';
import { decodeBase64 } from './base64.js';
import { parseJsonText, toJsonSafeCopy } from './json-values.js';
import { toDouble, toInteger, toLong, toShort } from './numeric-values.js';
import { conversionError } from './variable-value-error.js';
import type { TypedValue, VariableTypeName } from './variable-types.js';

/** Result of a converter that rejects its input. */
const MISMATCH = Symbol('mismatch');
type Converter = (value: unknown) => unknown;

interface TypeRule {
  readonly convert: Converter;
  /** Completes "expected ..." in the error message. */
  readonly expected: string;
}

const JSON_MEDIA_TYPE = 'application/json';

/**
 * Converts a value sent for an explicitly typed variable into the engine's
 * representation, or throws VariableValueError naming the variable and the expectation.
 * `null`/`undefined` are a typed null for every type, as in Camunda.
 */
export function coerceTypedValue(
  variableName: string,
  type: VariableTypeName,
  value: unknown,
  valueInfo: Record<string, unknown> | undefined,
): TypedValue {
  const info = type === 'Object' ? objectValueInfo(variableName, value, valueInfo) : valueInfo;
  let converted: unknown = null;
  if (value !== null && value !== undefined) {
    const rule = TYPE_RULES[type];
    converted = rule.convert(value);
    if (converted === MISMATCH) throw conversionError(variableName, value, type, `expected ${rule.expected}`);
  }
  return info === undefined ? { type, value: converted } : { type, value: converted, valueInfo: info };
}

const TYPE_RULES: Readonly<Record<VariableTypeName, TypeRule>> = {
  String: { convert: convertString, expected: 'a string' },
  Integer: { convert: orMismatch(toInteger), expected: 'a 32-bit integer' },
  Long: { convert: orMismatch(toLong), expected: 'a 64-bit integer' },
  Short: { convert: orMismatch(toShort), expected: 'a 16-bit integer' },
  Double: { convert: orMismatch(toDouble), expected: 'a finite number' },
  Boolean: { convert: convertBoolean, expected: "true or false" },
  Date: {
    convert: convertDate,
    expected: 'an ISO 8601 date-time such as 2031-06-01T09:30:00.000+0000',
  },
  Null: { convert: () => MISMATCH, expected: 'null' },
  Json: { convert: convertJson, expected: 'JSON text (or a JSON value)' },
  Xml: { convert: (value) => (typeof value === 'string' ? value : MISMATCH), expected: 'XML text as a string' },
  Bytes: { convert: convertBytes, expected: 'a base64 string' },
  Object: { convert: convertJson, expected: "JSON text (serializationDataFormat 'application/json')" },
};

function orMismatch(convert: (value: unknown) => unknown): Converter {
  return (value) => convert(value) ?? MISMATCH;
}

/** Camunda (Jackson) turns JSON numbers and booleans into their text for String variables. */
function convertString(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return MISMATCH;
}

function convertBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return MISMATCH;
}

function convertDate(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? MISMATCH : new Date(value.getTime());
  if (typeof value !== 'string') return MISMATCH;
  try {
    return parseCamundaDate(value);
  } catch {
    return MISMATCH;
  }
}

/** Camunda clients send Json as serialized text; some send the JSON value itself. Accept both. */
function convertJson(value: unknown): unknown {
  const parsed = typeof value === 'string' ? parseJsonText(value) : toJsonSafeCopy(value);
  return parsed === undefined ? MISMATCH : parsed.value;
}

function convertBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value !== 'string') return MISMATCH;
  return decodeBase64(value) ?? MISMATCH;
}

/**
 * Object variables: only JSON serialization is supported. The data format defaults to
 * application/json; a non-null value needs an objectTypeName (Camunda rejects it otherwise).
 */
function objectValueInfo(
  variableName: string,
  value: unknown,
  valueInfo: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const info: Record<string, unknown> = { ...valueInfo };
  const format = info.serializationDataFormat;
  if (format === undefined || format === null) {
    info.serializationDataFormat = JSON_MEDIA_TYPE;
  } else if (typeof format !== 'string' || !isJsonMediaType(format)) {
    throw conversionError(
      variableName,
      value,
      'Object',
      `expected valueInfo.serializationDataFormat '${JSON_MEDIA_TYPE}' (the only supported format), got '${String(format)}'`,
    );
  }
  const hasValue = value !== null && value !== undefined;
  if (hasValue && (typeof info.objectTypeName !== 'string' || info.objectTypeName.trim() === '')) {
    throw conversionError(variableName, value, 'Object', 'expected valueInfo.objectTypeName to name the object type');
  }
  return info;
}

/** `application/json`, case-insensitive, parameters such as `; charset=UTF-8` allowed. */
function isJsonMediaType(format: string): boolean {
  return format.split(';')[0]!.trim().toLowerCase() === JSON_MEDIA_TYPE;
}
