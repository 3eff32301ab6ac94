import type { Request } from 'express';
import type { z } from 'zod';
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

export function variablesOf(value: unknown, field = 'variables'): Map<string, TypedValue> {
  return fromDtoMap(value ?? {}, field);
}

/** the absolute base of the REST API, for `links` */
export function restBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/engine-rest`;
}
