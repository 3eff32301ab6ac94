import { ApiError } from '../api/http';
import { currentUser } from '../app/session';

/**
 * What a failed call means to the user. A 403 reads "You may not …" with the server's reason (it
 * names the signed-in user and their role: "Mary (manager) may not deploy processes: that takes
 * the role analyst or admin"); everything else keeps the server's message, which names what is
 * wrong or missing.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return refusalText(error.message);
  return error instanceof Error ? error.message : String(error);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function refusalText(message: string): string {
  const user = currentUser();
  // "<name> (<role>) may not …": the role is the server's, it may have changed since the page loaded
  const match = user ? new RegExp(`^${escapeRegExp(user.name)} \\([^)]*\\) may not `).exec(message) : null;
  if (match) return `You may not ${message.slice(match[0].length)}`;
  return `You may not do this: ${message}`;
}
