import { z } from 'zod';

/**
 * The instants a request may name: the years 0001 to 9999. PostgreSQL stores more, but beyond
 * four-digit years JavaScript writes dates (`+275760-09-13T...`, `-000001-...`) as PostgreSQL does
 * not read them, and date arithmetic near JavaScript's own limits gives an invalid date: a 500.
 */
export const EARLIEST_INSTANT = new Date('0001-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z');

/** an ISO 8601 date or date-time (or epoch milliseconds in a JSON body) within EARLIEST_INSTANT..LATEST_INSTANT */
export function instant(expected: string) {
  return z.coerce
    .date({ message: `expected ${expected}` })
    .refine((date) => date.getTime() >= EARLIEST_INSTANT.getTime() && date.getTime() <= LATEST_INSTANT.getTime(), { message: `expected ${expected} in the years 0001 to 9999` });
}
