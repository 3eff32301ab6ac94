import type { RequestHandler } from 'express';
import { isUnderPrefix } from '../../engine/nest/http/path-prefix.js';

/**
 * The APIs' answers hold clients' data (records, tasks, variables, exports): no browser or proxy
 * keeps a copy of one, on disk or for the next user of a shared machine. `no-store` on every answer
 * under the API prefixes, errors included. The web app's own files keep their caching.
 */
export function apiAnswersNotStored(apiPrefixes: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (apiPrefixes.some((prefix) => isUnderPrefix(req.path, prefix))) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
