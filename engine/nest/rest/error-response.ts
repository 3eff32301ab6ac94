import { HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import {
  BadUserRequestError, CodedError, ConflictError, EngineInvariantError, ExecutionError, ForbiddenError, InvalidRequestError, JobFailedError, NotFoundError,
  OptimisticLockError, ParseError,
} from '../../core/errors/index.js';
import { VariableValueError } from '../../core/variables/index.js';
import { isDatabaseUnavailable } from '../../adapters/typeorm/sql.js';
import { codeOfResponse, codeOfStatus } from '../http/coded-exception.js';
import { problemDto } from './parse-problems.js';

/** What an error tells the client: status, Camunda's exception type, message, our stable code, and any details. */
export interface ErrorDescription {
  readonly status: number;
  readonly type: string;
  readonly message: string;
  /** stable, documented (README, *Error codes*): ENGINE_NOT_FOUND, CRM_DUPLICATE, ... */
  readonly code: string;
  /** Camunda's extra fields (a ParseException's `details`) */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** sent as Retry-After: the failure is passing (a backend restarting) */
  readonly retryAfterSeconds?: number;
}

/** how long a client should wait before trying again while the database is unavailable */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Client mistakes are 4xx; only what the server got wrong is a 5xx, and its description never says
 * more than that (no stack, SQL, connection string or path: those go to the log).
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ParseError) {
    return {
      status: 400, type: 'ParseException', message: error.message, code: error.code,
      extra: {
        details: {
          [error.resourceName ?? 'resource']: {
            errors: error.issues.map(problemDto),
            warnings: error.warnings.map(problemDto),
          },
        },
      },
    };
  }
  const mapped = fromTypedError(error);
  if (mapped) return mapped;
  if (error instanceof HttpException) return fromHttpException(error);
  if (isBodyParserError(error)) {
    const status = error.status ?? 400;
    return status === 413
      ? { status, type: 'InvalidRequestException', message: 'The request body is too large', code: 'HTTP_BODY_TOO_LARGE' }
      : { status, type: 'InvalidRequestException', message: `The request body is not valid JSON: ${error.message}`, code: status === 400 ? 'HTTP_INVALID_JSON' : codeOfStatus(status) };
  }
  if (isMulterError(error)) {
    const tooLarge = error.code === 'LIMIT_FILE_SIZE';
    return { status: tooLarge ? 413 : 400, type: 'InvalidRequestException', message: error.message, code: tooLarge ? 'HTTP_BODY_TOO_LARGE' : 'HTTP_UPLOAD_INVALID' };
  }
  if (error instanceof EngineInvariantError) return { status: 500, type: 'ProcessEngineException', message: error.message, code: error.code };
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503, type: 'ProcessEngineException', message: 'The database is unavailable at the moment; try again shortly',
      code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    };
  }
  return { status: 500, type: 'ProcessEngineException', message: 'An internal error occurred', code: 'INTERNAL_ERROR' };
}

/** our typed errors: status and Camunda type by class, code from the error */
function fromTypedError(error: unknown): ErrorDescription | null {
  if (!(error instanceof CodedError)) return null;
  const as = (status: number, type: string): ErrorDescription => ({ status, type, message: error.message, code: error.code });
  if (error instanceof NotFoundError) return as(404, 'InvalidRequestException');
  if (error instanceof ForbiddenError) return as(403, 'AuthorizationException');
  if (error instanceof InvalidRequestError || error instanceof VariableValueError) return as(400, 'InvalidRequestException');
  if (error instanceof BadUserRequestError) return as(400, 'BadUserRequestException');
  if (error instanceof ConflictError) return { ...as(409, 'InvalidRequestException'), ...(error.details ? { extra: error.details } : {}) };
  if (error instanceof ExecutionError) return as(400, 'ProcessEngineException');
  if (error instanceof OptimisticLockError) return as(409, 'OptimisticLockingException');
  // Camunda 7 answers a failed POST /job/{id}/execute with 500 and its RestException
  if (error instanceof JobFailedError) return as(500, 'RestException');
  return null;
}

function fromHttpException(error: HttpException): ErrorDescription {
  const status = error.getStatus();
  // a server-side failure's own words (a driver's message, a path, the health details) stay in the log
  if (status >= 500) return { status, type: 'ProcessEngineException', message: STATUS_CODES[status] ?? 'An internal error occurred', code: codeOfStatus(status) };
  const response = error.getResponse();
  const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
  const given = Array.isArray(message) ? message.join('; ') : String(message);
  // multer's file size limit (the deployment upload) says only this much
  const text = status === 413 && given === 'File too large' ? 'The upload is too large: a file is larger than DEPLOYMENT_MAX_BYTES allows' : given;
  const type = status === 404 ? 'NotFoundException' : status === 401 ? 'AuthenticationException' : status === 403 ? 'AuthorizationException' : 'InvalidRequestException';
  return { status, type, message: text, code: codeOfResponse(response) ?? (isInvalidJson(error.cause) ? 'HTTP_INVALID_JSON' : codeOfStatus(status)) };
}

/**
 * The body. Under /engine-rest it is Camunda's ExceptionDto, whose `code` is an integer since 7.18
 * (0 unless another is built in: 1 for an optimistic locking failure) and typed clients read it as
 * one, so our code goes beside it as `errorCode`. Elsewhere (/api, /health, ...) `code` is ours.
 */
export function errorBody(description: ErrorDescription, path: string): Record<string, unknown> {
  const { type, message, code, extra } = description;
  if (isEngineRest(path)) return { type, message, code: description.code === 'ENGINE_OPTIMISTIC_LOCK' ? 1 : 0, errorCode: code, ...extra };
  return { type, message, code, ...extra };
}

/** answers with the error body: the exception filter, and middleware that answers before Nest routes */
export function sendError(request: Request | undefined, response: Response, description: ErrorDescription): void {
  if (description.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(description.retryAfterSeconds));
  response.status(description.status).json(errorBody(description, (request?.originalUrl ?? request?.url ?? '').split('?')[0] ?? ''));
}

function isEngineRest(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === '/engine-rest' || lower.startsWith('/engine-rest/');
}

function isBodyParserError(error: unknown): error is { status?: number; message: string; type: string } {
  const candidate = error as { type?: unknown; status?: unknown };
  return typeof candidate?.type === 'string' && (candidate.type === 'entity.parse.failed' || candidate.type === 'entity.too.large' || candidate.type === 'encoding.unsupported' || candidate.type === 'request.aborted');
}

/** Nest's Express adapter hands body-parser's JSON syntax error on as a BadRequestException caused by it */
function isInvalidJson(cause: unknown): boolean {
  return isBodyParserError(cause) && cause.type === 'entity.parse.failed';
}

function isMulterError(error: unknown): error is { code: string; message: string } {
  return (error as { name?: unknown })?.name === 'MulterError';
}
