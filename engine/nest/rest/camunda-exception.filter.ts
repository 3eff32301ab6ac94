import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import {
  BadUserRequestError, EngineInvariantError, ExecutionError, ForbiddenError, InvalidRequestError, NotFoundError, OptimisticLockError, ParseError,
} from '../../core/errors/index.js';
import { VariableValueError } from '../../core/variables/index.js';

interface ErrorBody {
  readonly type: string;
  readonly message: string;
  readonly [extra: string]: unknown;
}

/**
 * Every error leaves as Camunda's ExceptionDto `{type, message}` with a fitting status.
 * Client mistakes are 4xx; only what the server got wrong is a 5xx, and its body never says more
 * than that (no stack, SQL, connection string or path: those go to the log).
 */
@Catch()
export class CamundaExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(error);
    if (status >= 500) this.log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  private describe(error: unknown): [number, ErrorBody] {
    if (error instanceof ParseError) {
      return [400, {
        type: 'ParseException',
        message: error.message,
        details: {
          [error.resourceName ?? 'resource']: {
            errors: error.issues.map((i) => ({ message: i.message, line: 0, column: 0, mainElementId: i.elementId, elementIds: i.elementId ? [i.elementId] : [] })),
            warnings: [],
          },
        },
      }];
    }
    if (error instanceof NotFoundError) return [404, { type: 'InvalidRequestException', message: error.message }];
    if (error instanceof ForbiddenError) return [403, { type: 'AuthorizationException', message: error.message }];
    if (error instanceof InvalidRequestError || error instanceof VariableValueError) return [400, { type: 'InvalidRequestException', message: error.message }];
    if (error instanceof BadUserRequestError) return [400, { type: 'BadUserRequestException', message: error.message }];
    if (error instanceof ExecutionError) return [400, { type: 'ProcessEngineException', message: error.message }];
    if (error instanceof OptimisticLockError) return [409, { type: 'OptimisticLockingException', message: error.message }];
    if (error instanceof HttpException) return this.fromHttpException(error);
    if (isBodyParserError(error)) {
      const status = error.status ?? 400;
      return [status, { type: 'InvalidRequestException', message: status === 413 ? 'The request body is too large' : `The request body is not valid JSON: ${error.message}` }];
    }
    if (isMulterError(error)) return [error.code === 'LIMIT_FILE_SIZE' ? 413 : 400, { type: 'InvalidRequestException', message: error.message }];
    const message = error instanceof EngineInvariantError ? error.message : 'An internal error occurred';
    return [500, { type: 'ProcessEngineException', message }];
  }

  private fromHttpException(error: HttpException): [number, ErrorBody] {
    const status = error.getStatus();
    // a server-side failure's own words (a driver's message, a path, the health details) stay in the log
    if (status >= 500) return [status, { type: 'ProcessEngineException', message: STATUS_CODES[status] ?? 'An internal error occurred' }];
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    const given = Array.isArray(message) ? message.join('; ') : String(message);
    // multer's file size limit (the deployment upload) says only this much
    const text = status === 413 && given === 'File too large' ? 'The upload is too large: a file is larger than DEPLOYMENT_MAX_BYTES allows' : given;
    const type = status === 404 ? 'NotFoundException' : status === 401 ? 'AuthenticationException' : status === 403 ? 'AuthorizationException' : 'InvalidRequestException';
    return [status, { type, message: text }];
  }
}

function isBodyParserError(error: unknown): error is { status?: number; message: string; type: string } {
  const candidate = error as { type?: unknown; status?: unknown };
  return typeof candidate?.type === 'string' && (candidate.type === 'entity.parse.failed' || candidate.type === 'entity.too.large' || candidate.type === 'encoding.unsupported' || candidate.type === 'request.aborted');
}

function isMulterError(error: unknown): error is { code: string; message: string } {
  return (error as { name?: unknown })?.name === 'MulterError';
}
