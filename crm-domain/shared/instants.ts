import { z } from 'zod';
import { isStorableDate } from '../../engine/core/variables/index.js';

/**
 * An ISO 8601 date or date-time (or epoch milliseconds in a JSON body) in the years 0001 to 9999
 * (UTC), the range the engine's own dates keep. PostgreSQL stores more, but beyond four-digit years
 * JavaScript writes dates (`+275760-09-13T...`, `-000001-...`) as PostgreSQL does not read them, and
 * date arithmetic near JavaScript's own limits gives an invalid date: a 500.
 */
export function instant(expected: string) {
  return z.coerce.date({ message: `expected ${expected}` }).refine(isStorableDate, { message: `expected ${expected} in the years 0001 to 9999` });
}
