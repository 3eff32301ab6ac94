import type { NextFunction, Request, Response } from 'express';
import { isUnderPrefix } from './path-prefix.js';

const CAMUNDA_REST_PREFIX = '/engine-rest';
const JSON_MEDIA_TYPE = 'application/json';

/**
 * `/engine-rest` answers JSON as `Content-Type: application/json` exactly, as Camunda 7 does.
 * Express always appends `; charset=utf-8` (res.json, res.send and even res.type), and
 * camunda-external-task-client-js parses a body only when the header is exactly `application/json`:
 * with the charset it gets a Buffer, never sees its locked tasks and completes none. JSON is UTF-8
 * by definition (RFC 8259), so the parameter says nothing. The header is rewritten where Node
 * writes it, so every writer is covered: controllers, the exception filter, guards, body limits.
 * Other answers (downloads, the CRM API, the web app) keep their content types.
 */
export function camundaJsonContentType(req: Request, res: Response, next: NextFunction): void {
  if (!isUnderPrefix(req.path, CAMUNDA_REST_PREFIX)) return next();
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    setHeader(name, name.toLowerCase() === 'content-type' && isJsonWithUtf8Charset(value) ? JSON_MEDIA_TYPE : value);
  next();
}

function isJsonWithUtf8Charset(value: number | string | readonly string[]): boolean {
  return typeof value === 'string' && /^application\/json\s*;\s*charset="?utf-8"?\s*$/i.test(value);
}
