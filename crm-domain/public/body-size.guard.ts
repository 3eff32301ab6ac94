import { Inject, Injectable, PayloadTooLargeException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';

/** public endpoints take small bodies only: larger ones are refused with 413 */
@Injectable()
export class BodySizeGuard implements CanActivate {
  constructor(@Inject(CRM_OPTIONS) private readonly options: CrmOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const limit = this.options.publicForm.maxBytes;
    const declared = Number(request.header('content-length') ?? NaN);
    const size = Number.isFinite(declared) ? declared : Buffer.byteLength(JSON.stringify(request.body ?? {}));
    if (size > limit) throw new PayloadTooLargeException(`The request body is too large: at most ${limit} bytes are accepted here`);
    return true;
  }
}
