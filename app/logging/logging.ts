import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { requestLogOptions, type RequestLogSettings } from '../http-safety/request-log.js';
import { NestPinoLogger } from './nest-logger.js';

/** The service's one pino logger: the request log (pino-http) and everything else written through Nest's Logger. */
export interface AppLogging {
  /** the root logger (start-up lines, lines outside a request) */
  readonly logger: Logger;
  /** for `app.useLogger` / NestFactory: Nest's Logger over the same pino instance */
  readonly nestLogger: NestPinoLogger;
  /** Express middleware: logs each request once answered, gives it an id, and makes its logger current */
  readonly requestMiddleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}

export function createLogging(settings: RequestLogSettings): AppLogging {
  const requestLog: HttpLogger = pinoHttp(requestLogOptions(settings));
  const currentRequest = new AsyncLocalStorage<Logger>();
  return {
    logger: requestLog.logger,
    nestLogger: new NestPinoLogger(requestLog.logger, () => currentRequest.getStore()),
    requestMiddleware: (req, res, next) => {
      requestLog(req, res);
      currentRequest.run(req.log, next);
    },
  };
}
