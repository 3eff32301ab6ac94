import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { isUnderPrefix } from '../../engine/nest/http/path-prefix.js';

export interface WebAppFiles {
  /** designer/dist */
  readonly root: string;
  /** the folder scripts/build-changed.mjs holds while Vite builds designer/dist */
  readonly buildLock: string;
}

export function webAppFiles(designerDir: string): WebAppFiles {
  return { root: join(designerDir, 'dist'), buildLock: join(designerDir, '.build-lock') };
}

function isApiPath(path: string, apiPrefixes: readonly string[]): boolean {
  return apiPrefixes.some((prefix) => isUnderPrefix(path, prefix));
}

/**
 * The built files (cached an hour). API requests pass by without a look at the disk: a file
 * lookup per request (a stat, even of a file that is not there) was the costliest step of a
 * trivial API call.
 */
export function webAppAssets(files: WebAppFiles, apiPrefixes: readonly string[]): RequestHandler {
  const assets = express.static(files.root, { index: false, maxAge: '1h' });
  return (req, res, next) => (isApiPath(req.path, apiPrefixes) ? next() : assets(req, res, next));
}

/** a page for the web app's URLs while `npm start` builds it beside the running service */
const BEING_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Building the web app</title></head>
<body><p>The web app is being built (npm start rebuilds it after a change); this page reloads itself. The APIs already answer.</p></body></html>`;

/**
 * The web app's client-side routes: index.html for a GET outside the API prefixes and without a
 * file extension; "being built" (503, Retry-After) while a build runs; nothing (404 further on)
 * when there is no built web app. Looked up per request, since `npm start` serves the APIs
 * before Vite is done.
 */
export function webAppPages(files: WebAppFiles, apiPrefixes: readonly string[]) {
  const index = join(files.root, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' || isApiPath(req.path, apiPrefixes) || req.path.includes('.')) return next();
    if (existsSync(files.buildLock)) {
      res.status(503).set('Retry-After', '5').type('html').send(BEING_BUILT);
      return;
    }
    if (!existsSync(index)) return next();
    res.sendFile(index);
  };
}
