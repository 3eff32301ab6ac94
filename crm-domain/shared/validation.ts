import type { z } from 'zod';
import { CrmInvalidRequestError } from './crm-errors.js';

/** Validates input with zod; a failure is a 400 naming the field and what was expected. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, source: 'body' | 'query' = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `'${[...issue.path, k].join('.')}'`).join(', ');
    throw new CrmInvalidRequestError(source === 'query' ? `Unknown query parameter ${keys}` : `Invalid request body: unknown field ${keys}`);
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : source;
  throw new CrmInvalidRequestError(
    source === 'query' ? `Invalid query parameter '${field}': ${issue.message}` : `Invalid request body: '${field}' ${issue.message}`,
  );
}
