import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeError, sendError } from './error-response.js';

/**
 * Every error leaves as Camunda's ExceptionDto `{type, message}` with a fitting status and a stable
 * code (see error-response.ts). Client mistakes are 4xx; only what the server got wrong is a 5xx,
 * and its body never says more than that (no stack, SQL, connection string or path: those go to the log).
 */
@Catch()
export class CamundaExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request | undefined>();
    const response = http.getResponse<Response>();
    const description = describeError(error);
    if (description.status >= 500) this.log.error(error instanceof Error ? (error.stack ?? error.message) : String(error), whichRequest(request));
    if (response.headersSent) return;
    sendError(request, response, description);
  }
}

/** what an error line says of its request: its id (as in the request log and the audit), method and route, never its URL's query */
function whichRequest(request: Request | undefined): Record<string, string> {
  const id = (request as { id?: unknown } | undefined)?.id;
  const route: unknown = request?.route?.path;
  return {
    ...(typeof id === 'string' ? { reqId: id } : {}),
    ...(request?.method ? { method: request.method } : {}),
    ...(typeof route === 'string' ? { route } : {}),
  };
}
