import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

const HSTS_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/**
 * The web app's bundle is all files of ours: no inline or eval'd scripts, no workers. bpmn-js,
 * diagram-js and form-js set style attributes, so styles need 'unsafe-inline'; the bpmn icon font and
 * some icons are data: URLs. The Swagger UI at /docs loads its scripts from files too and lives
 * under the same policy.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * helmet's headers on every answer: the policy above, no framing (X-Frame-Options DENY too),
 * nosniff, no referrer to other sites, no X-Powered-By. HSTS only over TLS (directly or behind a
 * proxy trusted with TRUST_PROXY): a plain-HTTP deployment must stay reachable.
 */
export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false });
  return (req: Request, res: Response, next: NextFunction) => {
    headers(req, res, (error?: unknown) => {
      if (error) next(error);
      else if (req.secure) hsts(req, res, next);
      else next();
    });
  };
}
