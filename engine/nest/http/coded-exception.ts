/** The codes of errors the HTTP layer raises itself, or derives from a status without a more specific code. */
export const HTTP_ERROR_CODES = {
  HTTP_BAD_REQUEST: 'a 400 without a more specific code',
  HTTP_INVALID_JSON: 'the request body is not valid JSON',
  HTTP_INPUT_REFUSED: 'a NUL character in the path, a query parameter or the body, or JSON nested too deeply',
  HTTP_UNAUTHENTICATED: 'a 401 without a more specific code',
  HTTP_FORBIDDEN: 'a 403 without a more specific code',
  HTTP_NOT_FOUND: 'no such route (or a 404 without a more specific code)',
  HTTP_CONFLICT: 'a 409 without a more specific code',
  HTTP_BODY_TOO_LARGE: 'the request body or an uploaded file is larger than allowed',
  HTTP_UNSUPPORTED_MEDIA_TYPE: 'the body type is not the one the route takes',
  HTTP_TOO_MANY_REQUESTS: 'a 429 without a more specific code',
  HTTP_CROSS_SITE_REFUSED: 'a state-changing request with the session cookie from another site',
  HTTP_UPLOAD_INVALID: 'a multipart upload is malformed (too many files or fields, an unexpected field)',
  HTTP_ERROR: 'another 4xx status',
  INTERNAL_ERROR: 'the server failed; the log says why, the body never does',
  SERVICE_UNAVAILABLE: 'the service or a backend is down (/health)',
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERROR_CODES;

/** the response of an HttpException that carries a stable code: `new ForbiddenException(coded('...', 'CRM_OWNER_REFUSED'))` */
export function coded(message: string, code: string): { readonly message: string; readonly code: string } {
  return { message, code };
}

/** the code a coded() response carries, if any */
export function codeOfResponse(response: unknown): string | undefined {
  const code = (response as { code?: unknown } | null)?.code;
  return typeof response === 'object' && typeof code === 'string' ? code : undefined;
}

/** a status without a more specific code */
export function codeOfStatus(status: number): HttpErrorCode {
  const byStatus: Readonly<Record<number, HttpErrorCode>> = {
    400: 'HTTP_BAD_REQUEST',
    401: 'HTTP_UNAUTHENTICATED',
    403: 'HTTP_FORBIDDEN',
    404: 'HTTP_NOT_FOUND',
    409: 'HTTP_CONFLICT',
    413: 'HTTP_BODY_TOO_LARGE',
    415: 'HTTP_UNSUPPORTED_MEDIA_TYPE',
    429: 'HTTP_TOO_MANY_REQUESTS',
    503: 'SERVICE_UNAVAILABLE',
  };
  return byStatus[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR');
}
