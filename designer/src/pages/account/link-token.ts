/**
 * The token of a one-time link (`/set-password#token=…`): in the fragment, so it never reaches a
 * server or its logs. Read once, then removed from the address bar and the history entry.
 */
export function takeLinkToken(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (window.location.hash) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  return token || null;
}
