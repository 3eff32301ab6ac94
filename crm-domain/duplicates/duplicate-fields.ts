import { z } from 'zod';
import { normaliseTaxId } from './normalise.js';

/** a tax id as given ("DE 123 456 789"), stored normalised ("DE123456789"); one with no letter or digit is refused */
export function taxIdField() {
  return z
    .string({ message: 'expected text' })
    .max(50, { message: 'must be at most 50 characters' })
    .transform((value, context) => {
      const key = normaliseTaxId(value);
      if (key === null) {
        context.addIssue({ code: 'custom', message: 'expected a tax id with letters or digits' });
        return z.NEVER;
      }
      return key;
    });
}
