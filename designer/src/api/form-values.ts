// structurally the TypedValue / VariableMap of engine-types, declared here so this module stands
// alone (the server's jest specs import it, under NodeNext resolution)
interface TypedValue {
  value: unknown;
  type: string;
}

type VariableMap = Record<string, TypedValue>;

/** the whole-number types and the largest magnitude each holds */
const INTEGER_LIMITS: Readonly<Record<string, number>> = { Short: 2 ** 15, Integer: 2 ** 31 };

/** variables as form-js data: Json parsed, other values as they are */
export function formDataOf(variables: VariableMap): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables)) {
    if (variable.type === 'Object' || variable.type === 'Bytes' || variable.type === 'File') continue;
    data[name] = variable.type === 'Json' && typeof variable.value === 'string' ? parseJson(variable.value) : variable.value;
  }
  return data;
}

/**
 * What form-js submitted, typed for the engine: text a String, true/false a Boolean, a whole
 * number an Integer or Long (the type the variable had, else Long), other numbers a Double,
 * objects and lists Json. Dates stay the String form-js yields. `skip` names read-only fields.
 */
export function typedVariablesOf(data: Readonly<Record<string, unknown>>, current: VariableMap, skip: ReadonlySet<string> = new Set()): VariableMap {
  const variables: VariableMap = {};
  for (const [name, value] of Object.entries(data)) {
    if (skip.has(name) || value === undefined) continue;
    variables[name] = typedValueOf(value, current[name]?.type);
  }
  return variables;
}

function typedValueOf(value: unknown, previousType: string | undefined): TypedValue {
  if (value === null) return { type: 'Null', value: null };
  if (typeof value === 'string') return { type: 'String', value };
  if (typeof value === 'boolean') return { type: 'Boolean', value };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { type: 'Double', value };
    const limit = previousType ? INTEGER_LIMITS[previousType] : undefined;
    return { type: limit !== undefined && Math.abs(value) < limit ? previousType! : 'Long', value };
  }
  return { type: 'Json', value: JSON.stringify(value) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
