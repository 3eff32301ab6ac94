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
    const response = http.getResponse<Response>();
    const description = describeError(error);
    if (description.status >= 500) this.log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (response.headersSent) return;
    sendError(http.getRequest<Request | undefined>(), response, description);
  }
}
