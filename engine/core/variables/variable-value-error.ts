import { CodedError } from '../errors/coded-error.js';

/** A variable value that does not fit its type: a client error (HTTP 400 in the REST layer). */
export class VariableValueError extends CodedError {
  readonly code = 'ENGINE_VARIABLE_INVALID';
  readonly variableName: string;

  constructor(variableName: string, message: string) {
    super(message);
    this.name = 'VariableValueError';
    this.variableName = variableName;
  }
}

const MAX_DESCRIBED_LENGTH = 100;

/** A short, readable rendering of an offending value for error messages (never the full 1 MiB). */
export function describeValue(value: unknown): string {
  const text = renderForMessage(value);
  return text.length > MAX_DESCRIBED_LENGTH ? `${text.slice(0, MAX_DESCRIBED_LENGTH)}...` : text;
}

function renderForMessage(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
    return String(value);
  }
  if (value === undefined) return 'undefined';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `Cannot convert value 'abc' of variable 'amount' to type Integer: expected a 32-bit integer` */
export function conversionError(
  variableName: string,
  value: unknown,
  typeName: string,
  expectation: string,
): VariableValueError {
  return new VariableValueError(
    variableName,
    `Cannot convert value '${describeValue(value)}' of variable '${variableName}' to type ${typeName}: ${expectation}`,
  );
}
