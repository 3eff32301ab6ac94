/**
 * Range-checked conversions for Camunda's numeric types. Camunda (via Jackson) accepts numeric
 * strings for numeric types, so `"42"` is a valid Integer; fractions never are.
 * Each function returns undefined when the input does not fit.
 */

const INT16_MIN = -(2n ** 15n);
const INT16_MAX = 2n ** 15n - 1n;
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** An exact integer from a JS integer number, a bigint or an integer string. */
function exactInteger(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return BigInt(value);
  return undefined;
}

function integerInRange(value: unknown, min: bigint, max: bigint): bigint | undefined {
  const integer = exactInteger(value);
  return integer !== undefined && integer >= min && integer <= max ? integer : undefined;
}

export function toShort(value: unknown): number | undefined {
  const integer = integerInRange(value, INT16_MIN, INT16_MAX);
  return integer === undefined ? undefined : Number(integer);
}

export function toInteger(value: unknown): number | undefined {
  const integer = integerInRange(value, INT32_MIN, INT32_MAX);
  return integer === undefined ? undefined : Number(integer);
}

/** A 64-bit integer, as a number when it is a safe integer and as a bigint otherwise. */
export function toLong(value: unknown): number | bigint | undefined {
  const integer = integerInRange(value, INT64_MIN, INT64_MAX);
  return integer === undefined ? undefined : canonicalLong(integer);
}

export function canonicalLong(integer: bigint): number | bigint {
  const asNumber = Number(integer);
  return Number.isSafeInteger(asNumber) ? asNumber : integer;
}

/** A finite double from a number, a bigint or a decimal string (`"3.5"`, `"1e3"`). */
export function toDouble(value: unknown): number | undefined {
  let result: number | undefined;
  if (typeof value === 'number') result = value;
  else if (typeof value === 'bigint') result = Number(value);
  else if (typeof value === 'string' && DECIMAL_TEXT.test(value)) result = Number(value);
  return result !== undefined && Number.isFinite(result) ? result : undefined;
}

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1;
}

export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}
