import type { Response } from 'express';

/** a file name safe for Content-Disposition: no folders, no control characters */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'resource' : cleaned;
}

/**
 * Sends content someone uploaded (a deployed model, a form) as a download: the browser saves it
 * instead of rendering it on our origin, and a sandbox keeps its scripts inert if it is rendered anyway.
 */
export function sendDownload(res: Response, fileName: string, content: string, contentType = 'application/octet-stream'): void {
  res.attachment(safeFileName(fileName));
  res.type(contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; frame-ancestors 'none'");
  res.status(200).send(content);
}
