import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { q } from '../shared/list-query.js';
import { DUPLICATE_TYPES } from './duplicate-rules.js';
import { FIELD_CHOICES } from './merge-fields.js';

/** GET /api/duplicates: the candidate's values; `phone` may repeat (a company's phones) */
export const duplicateQuery = z.strictObject({
  type: z.enum(DUPLICATE_TYPES, { message: `expected one of ${DUPLICATE_TYPES.join(', ')}` }),
  name: q.text(),
  email: q.text(),
  phone: z.union([z.string().max(50), z.array(z.string().max(50)).max(10)], { message: 'expected at most 10 phone numbers' }).optional(),
  taxId: q.text(),
  city: q.text(),
  companyId: q.id(),
  companyName: q.text(),
  excludeId: q.id(),
});

/** `fields`: what the kept record takes from the duplicate, by field (merge-fields.ts checks the names per type) */
export const mergeBody = z.strictObject({
  duplicateId: field.id(),
  fields: z
    .record(z.string().max(100), z.enum(FIELD_CHOICES, { message: `expected ${FIELD_CHOICES.map((c) => `'${c}'`).join(' or ')}` }), { message: "expected an object of field names, each 'duplicate' or 'both'" })
    .optional(),
});

/** `?confirmDuplicate=true` on POST /api/{companies,contacts,leads}: create even with likely duplicates */
export const confirmDuplicateQuery = z.object({ confirmDuplicate: q.bool() });

export type DuplicateQuery = z.infer<typeof duplicateQuery>;
