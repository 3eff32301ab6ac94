import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DatabaseErrorsInterceptor } from './database-errors.interceptor.js';

/** a CRM REST controller under /api: tagged for the OpenAPI page, database constraint errors as 4xx */
export function CrmController(path: string, tag: string): ClassDecorator {
  return applyDecorators(Controller(path ? `api/${path}` : 'api'), ApiTags(tag), UseInterceptors(DatabaseErrorsInterceptor));
}
