/** What the same-origin check reads of a request; Express's Request provides it. */
export interface RequestOrigin {
  /** scheme and host as the server sees them (Express: req.protocol and req.host, honouring `trust proxy`) */
  readonly protocol: string;
  readonly host: string | undefined;
  header(name: string): string | undefined;
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Why a state-changing request must be refused as cross-site, or null to let it through.
 *
 * With the session cookie the browser attaches it to whatever another site makes it send, so the
 * request must prove it comes from our own pages: `Sec-Fetch-Site: same-origin` (or `none`, typed by
 * the user), else an `Origin` (lacking it, a `Referer`) equal to our own origin. Without the cookie
 * only a browser's own word that another site sent it counts against it (signing in, HTTP Basic a
 * browser remembers); API clients send none of these headers.
 */
export function crossSiteRefusal(request: RequestOrigin, withSession: boolean): string | null {
  const own = request.host ? originOf(`${request.protocol}://${request.host}`) : null;
  const fetchSite = request.header('sec-fetch-site')?.trim().toLowerCase();
  if (fetchSite) {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return null;
    return `the browser says another site sent it (Sec-Fetch-Site: ${fetchSite.slice(0, 20)})`;
  }
  const origin = request.header('origin');
  if (origin !== undefined) {
    const claimed = originOf(origin);
    if (claimed !== null && claimed === own) return null;
    return `it comes from ${describe(origin)}, not from ${own ?? 'this server'}`;
  }
  if (!withSession) return null;
  const referer = request.header('referer');
  if (referer !== undefined) {
    const claimed = originOf(referer);
    if (claimed !== null && claimed === own) return null;
    return `it was sent from a page of ${claimed ?? 'an unknown origin'}, not of ${own ?? 'this server'}`;
  }
  return 'it carries the session cookie but neither Sec-Fetch-Site, Origin nor Referer shows that it comes from this site';
}

function describe(origin: string): string {
  const text = origin.slice(0, 200);
  return originOf(text) === null ? `an opaque origin ('${text}')` : `'${text}'`;
}
