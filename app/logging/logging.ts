import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { loggerOptions, type RequestLogSettings } from '../http-safety/request-log.js';
import { NestPinoLogger } from './nest-logger.js';
import { requestLog } from './request-log-middleware.js';

/** a request that takes a second is worth a line even when it succeeds */
export const DEFAULT_SLOW_REQUEST_MS = 1000;

/** The service's one pino logger: the request log and everything else written through Nest's Logger. */
export interface AppLogging {
  /** the root logger (start-up lines, lines outside a request) */
  readonly logger: Logger;
  /** for `app.useLogger` / NestFactory: Nest's Logger over the same pino instance */
  readonly nestLogger: NestPinoLogger;
  /** Express middleware: gives each request an id and logs it once answered (see requestLog) */
  readonly requestMiddleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}

export function createLogging(settings: RequestLogSettings): AppLogging {
  const options = loggerOptions(settings);
  const logger = settings.stream ? pino(options, settings.stream) : pino(options);
  return {
    logger,
    nestLogger: new NestPinoLogger(logger),
    requestMiddleware: requestLog(logger, { slowMs: settings.slowMs ?? DEFAULT_SLOW_REQUEST_MS, sampleEvery: settings.sampleEvery ?? 0 }),
  };
}
