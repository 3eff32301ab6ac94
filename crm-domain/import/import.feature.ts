import type { Provider, Type } from '@nestjs/common';
import { ExportController } from '../export/export.controller.js';
import { RuleDuplicateCheck, IMPORT_DUPLICATE_CHECK } from './import-duplicate-check.js';
import { ImportRunner } from './import-runner.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

/** import of companies (upload, dry run, batches run by ImportRunner) and export of the record lists */
export const importExportProviders: readonly Provider[] = [
  { provide: IMPORT_DUPLICATE_CHECK, useClass: RuleDuplicateCheck },
  ImportsService,
  ImportRunner,
];

/** ExportController goes before the record controllers: `/api/companies/export` is not a company id */
export const exportControllers: readonly Type[] = [ExportController];
export const importControllers: readonly Type[] = [ImportsController];
