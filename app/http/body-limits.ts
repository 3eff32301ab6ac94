import { json, urlencoded, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { sendError } from '../../engine/nest/rest/error-response.js';
import { isUnderPrefix } from '../../engine/nest/http/path-prefix.js';
import { closeAfterLinger } from './linger-close.js';

export interface BodyLimits {
  /** JSON bodies of the CRM API (/api) and anything else */
  readonly api: number;
  /** JSON bodies of the Camunda REST API (/engine-rest): typed variables up to a few MiB */
  readonly engineRest: number;
  /** a whole deployment upload (multipart): its files and fields */
  readonly deployment: number;
  /** an import file (CSV or XLSX) sent as the whole body of `POST /api/imports` */
  readonly imports: number;
}

interface Family {
  readonly matches: (path: string) => boolean;
  readonly maxBytes: number;
  readonly parsers: readonly RequestHandler[];
  /** the route reads its body itself (multipart): an undeclared length is counted here */
  readonly streamed?: boolean;
}

/**
 * Request bodies are limited per route family and refused with 413 before they are read: a
 * declared Content-Length over the limit at once, an undeclared (chunked) body once the parser
 * has read past it. Only the public web form takes urlencoded bodies (an HTML form posts them).
 */
export function bodyParsers(limits: BodyLimits): RequestHandler {
  const jsonOf = (limit: number) => json({ limit });
  const families: readonly Family[] = [
    { matches: (path) => path === '/engine-rest/deployment/create', maxBytes: limits.deployment, parsers: [], streamed: true },
    { matches: (path) => path === '/api/imports', maxBytes: limits.imports, parsers: [], streamed: true },
    { matches: underPrefix('/engine-rest'), maxBytes: limits.engineRest, parsers: [jsonOf(limits.engineRest)] },
    { matches: underPrefix('/api/public'), maxBytes: limits.api, parsers: [jsonOf(limits.api), urlencoded({ limit: limits.api, extended: false })] },
    { matches: () => true, maxBytes: limits.api, parsers: [jsonOf(limits.api)] },
  ];
  return (req: Request, res: Response, next: NextFunction) => {
    // Express routes case-insensitively, so the families match that way too
    const path = req.path.toLowerCase();
    const family = families.find((f) => f.matches(path))!;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > family.maxBytes) return tooLarge(req, res, family.maxBytes, `it declares ${declared}`);
    if (family.streamed && req.headers['content-length'] === undefined) capUndeclaredLength(req, res, family.maxBytes);
    runInOrder(family.parsers, req, res, next);
  };
}

function tooLarge(req: Request, res: Response, maxBytes: number, actual: string): void {
  const message = `The request body is too large: at most ${maxBytes} bytes are accepted here, but ${actual}`;
  closeAfterLinger(req, res);
  sendError(req, res, { status: 413, type: 'InvalidRequestException', message, code: 'HTTP_BODY_TOO_LARGE' });
}

/**
 * A chunked upload is counted as it streams to the route's own reader; past the limit it is
 * answered with 413 at once (multer would only answer once the oversized part had been read to
 * its end), cut off from that reader, so the route never runs, and the rest is discarded.
 */
function capUndeclaredLength(req: Request, res: Response, maxBytes: number): void {
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= maxBytes || res.headersSent) return;
    req.off('data', count);
    req.unpipe();
    req.resume();
    tooLarge(req, res, maxBytes, 'more was sent');
  };
  req.on('data', count);
  // counting must not start the flow: the route's reader (pipe) resumes the stream
  req.pause();
}

function underPrefix(prefix: string): (path: string) => boolean {
  return (path) => isUnderPrefix(path, prefix);
}

function runInOrder(handlers: readonly RequestHandler[], req: Request, res: Response, next: NextFunction): void {
  const [first, ...rest] = handlers;
  if (!first) return next();
  void first(req, res, (error?: unknown) => (error ? next(error) : runInOrder(rest, req, res, next)));
}
