/** Camunda's Integer fields (retries, priorities, counts) are Java ints, as the database columns that keep them */
export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

export function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
}
