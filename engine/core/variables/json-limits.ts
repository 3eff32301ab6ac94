import { VariableValueError } from './variable-value-error.js';

/** How large a Json or Object variable a client may send: deeper or longer values are refused. */
export const JSON_VALUE_LIMITS = {
  /** arrays and objects nested inside each other */
  maxDepth: 64,
  /** characters of the value's JSON text */
  maxTextLength: 4 * 1024 * 1024,
} as const;

/** whether JSON text nests deeper than `max`; a linear scan that never parses */
export function jsonTextExceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (inString) {
      if (char === '\\') at++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      if (++depth > max) return true;
    } else if (char === ']' || char === '}') depth--;
  }
  return false;
}

/** whether a value's arrays and objects nest deeper than `max`; walks without recursion, stops when too deep */
export function valueExceedsDepth(value: unknown, max: number): boolean {
  const pending: (readonly [unknown, number])[] = [[value, 0]];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    if (depth + 1 > max) return true;
    seen.add(next);
    for (const child of Array.isArray(next) ? next : Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}

/** refuses a Json/Object value (its JSON text or the parsed value) that is nested too deep */
export function checkJsonDepth(variableName: string, value: unknown): void {
  const tooDeep = typeof value === 'string' ? jsonTextExceedsDepth(value, JSON_VALUE_LIMITS.maxDepth) : valueExceedsDepth(value, JSON_VALUE_LIMITS.maxDepth);
  if (tooDeep) {
    throw new VariableValueError(variableName, `Invalid value of variable '${variableName}': expected JSON nested at most ${JSON_VALUE_LIMITS.maxDepth} deep, but it is nested deeper`);
  }
}

/** refuses a Json/Object value whose JSON text is longer than the limit */
export function checkJsonLength(variableName: string, textLength: number): void {
  if (textLength > JSON_VALUE_LIMITS.maxTextLength) {
    throw new VariableValueError(variableName, `Invalid value of variable '${variableName}': expected JSON of at most ${JSON_VALUE_LIMITS.maxTextLength} characters, but it has ${textLength}`);
  }
}
