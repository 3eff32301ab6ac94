/**
 * The keys the duplicate rules compare, in TypeScript. The same keys exist as SQL functions
 * (crm.phone_key, crm.name_key in migrations/1763901710000-duplicates.ts) for the indexes; the
 * finder computes a candidate's keys here and compares them with the stored rows' keys there.
 */

/** letters and digits only, upper case: "de 123.456-789" → "DE123456789"; null when nothing is left */
export function normaliseTaxId(value: string | null | undefined): string | null {
  const key = (value ?? '').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  return key === '' ? null : key;
}

/** the digits of a phone number are compared by their last 9 (blind to +49 / 0049 / 0 prefixes); fewer than 9 digits: no key */
export const PHONE_KEY_DIGITS = 9;

export function phoneKey(value: string | null | undefined): string | null {
  const digits = (value ?? '').replace(/[^0-9]/g, '');
  return digits.length >= PHONE_KEY_DIGITS ? digits.slice(-PHONE_KEY_DIGITS) : null;
}

/** an email address is compared case-insensitively, without surrounding spaces */
export function emailKey(value: string | null | undefined): string | null {
  const key = (value ?? '').trim().toLowerCase();
  return key === '' ? null : key;
}

/** a city is compared case-insensitively, spaces trimmed */
export function cityKey(value: string | null | undefined): string | null {
  const key = (value ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  return key === '' ? null : key;
}

/**
 * crm.name_key in TypeScript: lower case, every run of characters other than letters and digits as
 * one space, trimmed ("ACME, GmbH." → "acme gmbh"). An import compares its own rows by it.
 */
export function nameKey(value: string | null | undefined): string | null {
  const key = (value ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return key === '' ? null : key;
}
