/**
 * The typed-variable model shared by the engine and its Camunda 7 REST codec.
 */

/** Camunda's capitalized REST type names that this engine supports. */
export type VariableTypeName =
  | 'String'
  | 'Integer'
  | 'Long'
  | 'Short'
  | 'Double'
  | 'Boolean'
  | 'Date'
  | 'Null'
  | 'Json'
  | 'Xml'
  | 'Bytes'
  | 'Object';

/**
 * A variable as the engine keeps it: `value` is the JS value ready for expressions.
 *
 * Representation per type (`null` is allowed for every type, as in Camunda):
 * - String, Xml: string
 * - Integer, Short, Double: number
 * - Long: number when it is a safe integer, otherwise bigint (canonical, so equal longs compare equal)
 * - Boolean: boolean
 * - Date: Date
 * - Null: null
 * - Json, Object: the parsed JSON value (plain objects/arrays/primitives)
 * - Bytes: Uint8Array
 */
export interface TypedValue {
  readonly type: VariableTypeName;
  readonly value: unknown;
  readonly valueInfo?: Readonly<Record<string, unknown>>;
}

/** Camunda's `VariableValueDto` as it arrives in a request body. */
export interface VariableValueDto {
  value?: unknown;
  type?: string | null;
  valueInfo?: Record<string, unknown> | null;
}

/** Camunda's `VariableValueDto` as this engine answers it. */
export interface RenderedVariableValueDto {
  value: unknown;
  type: VariableTypeName;
  valueInfo: Record<string, unknown>;
}

export const VARIABLE_TYPE_NAMES: readonly VariableTypeName[] = [
  'String',
  'Integer',
  'Long',
  'Short',
  'Double',
  'Boolean',
  'Date',
  'Null',
  'Json',
  'Xml',
  'Bytes',
  'Object',
];

const TYPE_NAMES_BY_LOWER_CASE = new Map<string, VariableTypeName>(
  VARIABLE_TYPE_NAMES.map((name) => [name.toLowerCase(), name]),
);

/**
 * Resolves a type name case-insensitively (`"integer"` from camunda-external-task-client-js
 * becomes `"Integer"`). Returns undefined for unknown names.
 */
export function resolveVariableTypeName(name: string): VariableTypeName | undefined {
  return TYPE_NAMES_BY_LOWER_CASE.get(name.toLowerCase());
}
