import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidRequestError } from '../../engine/core/errors/index.js';

export const ACTOR_HEADER = 'x-user-id';
const ACTOR_PATTERN = /^[A-Za-z0-9_.:@-]{1,100}$/;

/**
 * Who acts: the `X-User-Id` header (a CRM user id), else `anonymous`. It is written to the
 * change log and becomes the start user of processes. (A stand-in until authentication exists.)
 */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<Request>().header(ACTOR_HEADER);
  if (value === undefined || value === '') return 'anonymous';
  if (!ACTOR_PATTERN.test(value)) throw new InvalidRequestError(`Invalid header '${ACTOR_HEADER}': expected a user id of letters, digits, '-', '_', '.', ':' or '@'`);
  return value;
});
