import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** the HTTP request of a POST, PUT, PATCH, DELETE or anything else that is not a read; null otherwise */
export function stateChangingRequest(context: ExecutionContext): Request | null {
  if (context.getType() !== 'http') return null;
  const request = context.switchToHttp().getRequest<Request>();
  return SAFE_METHODS.has(request.method.toUpperCase()) ? null : request;
}
