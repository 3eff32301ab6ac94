import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../../engine/nest/rest/error-response.js';
import { scanInput } from './json-scan.js';

/** deep enough for a Json variable at its own limit (64) inside a request's variables map */
export const MAX_REQUEST_JSON_DEPTH = 100;

/**
 * Refuses, with 400 naming where, a NUL character anywhere in the path, a query parameter or a
 * JSON body (PostgreSQL text cannot store one, so it would fail deep inside as a 500), and JSON
 * nested deeper than MAX_REQUEST_JSON_DEPTH (validators walk bodies recursively). Runs after
 * the body parsers; uploaded deployment files are checked by the deployment itself.
 */
export function refuseHostileInput(req: Request, res: Response, next: NextFunction): void {
  const problem = describeProblem(req);
  if (problem === null) return next();
  sendError(req, res, { status: 400, type: 'InvalidRequestException', message: problem, code: 'HTTP_INPUT_REFUSED' });
}

function describeProblem(req: Request): string | null {
  if (/%00/i.test(req.originalUrl.split('?')[0]!)) return 'Expected no NUL character (\\u0000) in the request path, but it has one';
  const query = scanInput(req.query, MAX_REQUEST_JSON_DEPTH);
  if (query) return query.problem === 'nul' ? `Expected no NUL character (\\u0000) in query parameter '${query.path}', but it has one` : `Expected query parameter '${query.path}' nested less deeply`;
  const body = scanInput(req.body, MAX_REQUEST_JSON_DEPTH);
  if (!body) return null;
  const where = body.path === '' ? 'the request body' : `'${body.path}' of the request body`;
  return body.problem === 'nul'
    ? `Expected no NUL character (\\u0000) in ${where}, but it has one`
    : `Expected the JSON body nested at most ${MAX_REQUEST_JSON_DEPTH} deep, but ${where} nests deeper`;
}
