import { Injectable, UnsupportedMediaTypeException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BODY_TYPES, type BodyType } from '../../engine/nest/http/body-types.js';
import { bodyTypeRefusal } from './body-type.js';
import { stateChangingRequest } from './state-changing.js';

const DEFAULT_BODY_TYPES: readonly BodyType[] = ['json'];

/** A state-changing request carries the body type its route declares with @TakesBody (JSON by default), else 415. */
@Injectable()
export class BodyTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = stateChangingRequest(context);
    if (!request) return true;
    const accepted = this.reflector.getAllAndOverride<BodyType[] | undefined>(BODY_TYPES, [context.getHandler(), context.getClass()]) ?? DEFAULT_BODY_TYPES;
    const refusal = bodyTypeRefusal(request, accepted);
    if (refusal) throw new UnsupportedMediaTypeException(refusal);
    return true;
  }
}
