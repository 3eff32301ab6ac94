import { ConflictException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import { InvalidRequestError } from '../../engine/core/errors/index.js';

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
      return new ConflictException(`A record with these values already exists${detail ? `: ${detail}` : ''}`);
    case '23503':
      return new InvalidRequestError(`A referenced record does not exist or is still referenced${detail ? `: ${detail}` : ''}`);
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new InvalidRequestError(`A value is not acceptable: ${error.message}`);
    default:
      return error;
  }
}
