import { z } from 'zod';
import { instant } from './instants.js';

/** field schemas shared by the request bodies */
export const field = {
  id: () => z.guid({ message: 'expected an id (UUID)' }),
  name: (max = 200) => z.string({ message: 'expected text' }).trim().min(1, { message: 'must not be empty' }).max(max, { message: `must be at most ${max} characters` }),
  text: (max = 2000) => z.string({ message: 'expected text' }).trim().max(max, { message: `must be at most ${max} characters` }),
  email: () => z.email({ message: 'expected an email address' }).max(200),
  phone: () => z.string({ message: 'expected a phone number' }).trim().regex(/^\+?[0-9 ()./-]{3,30}$/, { message: 'expected a phone number' }),
  amount: () => z.number({ message: 'expected a number' }).min(0, { message: 'must not be negative' }).max(99_999_999_999_999, { message: 'is too large' }),
  currency: () => z.string({ message: 'expected a currency code' }).regex(/^[A-Z]{3}$/, { message: 'expected a 3-letter currency code such as EUR' }),
  date: () => z.iso.date({ message: 'expected a date YYYY-MM-DD' }),
  dateTime: () => instant('an ISO 8601 date-time'),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `expected one of ${values.join(', ')}` }),
};
