import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

/**
 * Express hands every request and response a new prototype on arrival (`app.handle`:
 * `Object.setPrototypeOf(req, app.request)`), and V8 moves an object whose prototype changes after
 * creation to a map of its own. Measured, not derived from V8's sources (bench/README.md, *Stop 24*):
 * with that, about a tenth of what a request allocates outlived the young generation, old space
 * grew by some 20 MB/s at 300 round trips/s and its collections every few seconds showed as latency
 * spikes; a bare `node:http` handler doing only the `setPrototypeOf` reproduces it. A trivial Express route cost 78 µs of CPU per request this
 * way and 26 µs with requests born with Express's prototypes, when `setPrototypeOf` finds the
 * prototype already in place and changes nothing.
 *
 * So the HTTP server constructs its requests and responses from classes whose prototypes are the
 * application's own `request` and `response`; Express's behaviour is unchanged.
 */
export function expressBornClasses(app: Express): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  function ExpressRequest(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  ExpressRequest.prototype = app.request;
  function ExpressResponse(this: ServerResponse, req: IncomingMessage, options?: unknown): void {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: unknown) => void).call(this, req, options);
  }
  ExpressResponse.prototype = app.response;
  return {
    IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage,
    ServerResponse: ExpressResponse as unknown as typeof ServerResponse,
  };
}

/** Nest's Express adapter with an HTTP server whose requests are born Express requests (see above) */
export class ExpressBornRequestsAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // the options this service never sets keep Nest's own server
    if (options?.httpsOptions || options?.return503OnClosing || options?.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    this.httpServer = createServer(expressBornClasses(app), app);
  }
}
