import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import { CrmConflictError, CrmInvalidRequestError } from './crm-errors.js';

/**
 * A constraint the services did not check first still answers 4xx: unique → 409, foreign key,
 * check and bad input syntax → 400. Everything else passes through untouched.
 */
@Injectable()
export class DatabaseErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw translate(error);
      }),
    );
  }
}

function translate(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const code = (error.driverError as { code?: string } | undefined)?.code ?? (error as { code?: string }).code;
  const detail = (error.driverError as { detail?: string } | undefined)?.detail;
  switch (code) {
    case '23505':
      return new CrmConflictError(`A record with these values already exists${detail ? `: ${detail}` : ''}`, 'CRM_DUPLICATE');
    case '23503':
      return new CrmInvalidRequestError(`A referenced record does not exist or is still referenced${detail ? `: ${detail}` : ''}`, 'CRM_CONSTRAINT_VIOLATED');
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new CrmInvalidRequestError(`A value is not acceptable: ${error.message}`, 'CRM_CONSTRAINT_VIOLATED');
    default:
      return error;
  }
}
