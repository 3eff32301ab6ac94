import { MEDIA_TYPES, type BodyType } from '../../engine/nest/http/body-types.js';

/** What the body-type check reads of a request. */
export interface RequestBodyHeaders {
  header(name: string): string | undefined;
}

function hasBody(request: RequestBodyHeaders): boolean {
  if (request.header('transfer-encoding') !== undefined) return true;
  const length = Number(request.header('content-length') ?? 0);
  return !Number.isFinite(length) || length > 0;
}

/**
 * Why a state-changing request's Content-Type does not fit its route, or null if it does: the
 * Content-Type, when sent, must be one the route takes; a body needs one. So the types an HTML form
 * of another site can send without asking first (urlencoded, text/plain, multipart) reach only the
 * routes that declare them.
 */
export function bodyTypeRefusal(request: RequestBodyHeaders, accepted: readonly BodyType[]): string | null {
  const expected = accepted.map((type) => MEDIA_TYPES[type]);
  const header = request.header('content-type');
  const mediaType = header?.split(';')[0]!.trim().toLowerCase();
  if (!mediaType) return hasBody(request) ? `a request body needs Content-Type ${expected.join(' or ')}` : null;
  if (expected.includes(mediaType)) return null;
  return `Content-Type '${header!.slice(0, 100)}' is not accepted here: expected ${expected.join(' or ')}`;
}
