import type { Provider, Type } from '@nestjs/common';
import type { RecordTypeDefinition } from './record-type-definition.js';

/**
 * One capability of the CRM as its folder declares it: its tables (TypeORM entities), providers
 * and controllers; a record type's feature also names its definition. CrmModule wires every
 * feature listed in crm-features.ts.
 */
export interface CrmFeature {
  /** the record type it serves, if it is one (see record-types.ts) */
  readonly record?: RecordTypeDefinition;
  readonly entities: readonly Type[];
  readonly providers: readonly Provider[];
  readonly controllers: readonly Type[];
}
