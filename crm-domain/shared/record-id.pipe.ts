import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { CrmInvalidRequestError } from './crm-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** path ids are UUIDs: anything else is a 400 naming the parameter, never a database error */
@Injectable()
export class RecordIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value)) throw new CrmInvalidRequestError(`Invalid path parameter '${metadata.data ?? 'id'}': expected an id (UUID), but got '${value.slice(0, 60)}'`);
    return value.toLowerCase();
  }
}
