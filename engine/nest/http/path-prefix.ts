/**
 * Whether a request path lies under a (lower-case) API prefix, in any spelling: Express routes
 * case-insensitively, so /ENGINE-REST/task is /engine-rest/task.
 */
export function isUnderPrefix(path: string, prefix: string): boolean {
  const lower = path.toLowerCase();
  return lower === prefix || lower.startsWith(`${prefix}/`);
}
