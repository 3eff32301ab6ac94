import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'crm_session';
/** sent by the web app: its requests act for a signed-in user or not at all, never anonymously */
export const SESSION_REQUIRED_HEADER = 'x-session-required';

/** the session token the browser sent, if any */
export function sessionTokenOf(request: Request): string | null {
  for (const part of (request.header('cookie') ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === SESSION_COOKIE) return part.slice(separator + 1).trim() || null;
  }
  return null;
}

/** HttpOnly (scripts cannot read it), SameSite=Lax (other sites cannot post with it), Secure behind HTTPS */
export function setSessionCookie(request: Request, response: Response, token: string, expiresAt: Date): void {
  response.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/' });
}
