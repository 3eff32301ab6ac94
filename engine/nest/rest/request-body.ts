import type { Request } from 'express';
import { z } from 'zod';
import { InvalidRequestError } from '../../core/errors/index.js';
import { fromDtoMap, type TypedValue } from '../../core/variables/index.js';

/** Validates a JSON body; the error names the field and what was expected. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw new InvalidRequestError(`Invalid request body: '${field}' ${issue.message}`);
}

/**
 * Camunda's map of typed variables by name, kept as JSON.parse made it: zod's record would drop a
 * variable named `__proto__` without a word. Names and values are checked by fromDtoMap.
 */
export const variableMap = () =>
  z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { message: 'expected an object of variables by name' });

export function variablesOf(value: unknown, field = 'variables'): Map<string, TypedValue> {
  return fromDtoMap(value ?? {}, field);
}

/** the absolute base of the REST API, for `links` */
export function restBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/engine-rest`;
}
