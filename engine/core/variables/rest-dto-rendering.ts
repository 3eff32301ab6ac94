import { formatCamundaDate } from './camunda-date.js';
import { encodeBase64 } from './base64.js';
import { toJsonText } from './json-values.js';
import type { RenderedVariableValueDto, TypedValue } from './variable-types.js';

export interface RenderOptions {
  /**
   * Camunda's `deserializeValues` query parameter. Defaults to true, Camunda's default for the
   * variable GET endpoints (fetchAndLock defaults to false: the REST layer passes it explicitly).
   */
  deserializeValues?: boolean;
}

/**
 * Renders a variable for a REST response with Camunda's capitalized type name.
 *
 * Json vs. Object with `deserializeValues`:
 * - Object: `false` answers the serialized JSON text (docs: "a serializable variable will be
 *   returned in its serialized format"); `true` answers the deserialized value, which Camunda
 *   turns into a JSON object via Jackson, i.e. the parsed JSON here.
 * - Json: always the serialized JSON text. Json is a Spin value type: Camunda clients such as
 *   camunda-external-task-client-js receive a string and JSON.parse it themselves, whatever
 *   `deserializeValues` says, so answering an object would break them.
 *
 * Long values beyond 2^53 are answered as decimal strings (JSON.stringify cannot write them
 * exactly as numbers; our request parsing accepts numeric strings for Long).
 */
export function toDto(tv: TypedValue, opts: RenderOptions = {}): RenderedVariableValueDto {
  const deserializeValues = opts.deserializeValues ?? true;
  return {
    value: renderValue(tv, deserializeValues),
    type: tv.type,
    valueInfo: tv.valueInfo === undefined ? {} : structuredClone({ ...tv.valueInfo }),
  };
}

/** Renders a variables map for a REST response, keeping the iteration order. */
export function toDtoMap(
  vars: Iterable<[string, TypedValue]>,
  opts: RenderOptions = {},
): Record<string, RenderedVariableValueDto> {
  const entries: [string, RenderedVariableValueDto][] = [];
  for (const [name, tv] of vars) entries.push([name, toDto(tv, opts)]);
  // Object.fromEntries defines own properties, so a variable named "__proto__" stays a variable.
  return Object.fromEntries(entries);
}

function renderValue(tv: TypedValue, deserializeValues: boolean): unknown {
  const { value } = tv;
  if (value === null || value === undefined) return null;
  switch (tv.type) {
    case 'Date':
      return formatCamundaDate(value as Date);
    case 'Long':
      return typeof value === 'bigint' ? value.toString() : value;
    case 'Bytes':
      return encodeBase64(value as Uint8Array);
    case 'Json':
      return toJsonText(value);
    case 'Object':
      return deserializeValues ? structuredClone(value) : toJsonText(value);
    default:
      return value;
  }
}
