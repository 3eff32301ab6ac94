import { Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { CrmRequires } from '../auth/permissions.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import type { RecordType } from '../shared/record-types.js';
import { parseInput } from '../shared/validation.js';
import { RecordSearchService, SEARCHABLE_TYPES } from './record-search.service.js';

const searchQuery = z.strictObject({
  q: z.string({ message: 'expected the start of a name' }).trim().min(1, { message: 'expected at least 1 character' }).max(100, { message: 'expected at most 100 characters' }),
  types: z
    .string()
    .optional()
    .transform((text) => (text ? text.split(',').map((t) => t.trim()).filter(Boolean) : [...SEARCHABLE_TYPES]))
    .refine((types) => types.length > 0 && types.every((t) => (SEARCHABLE_TYPES as readonly string[]).includes(t)), { message: `expected record types separated by commas, of ${SEARCHABLE_TYPES.join(', ')}` })
    .transform((types) => [...new Set(types)] as RecordType[]),
  limit: z.coerce.number({ message: 'expected a number' }).int().min(1, { message: 'expected 1 or more' }).max(20, { message: 'expected at most 20' }).default(20),
});

/** `GET /api/records/search?q=bor&types=company,deal`: records by the start of their name, only those the caller sees */
@CrmRequires('crm.records.read')
@CrmController('records/search', 'CRM records')
export class RecordSearchController {
  constructor(private readonly search: RecordSearchService) {}

  @Get()
  find(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    const { q, types, limit } = parseInput(searchQuery, query, 'query');
    return this.search.search(q, types, limit, viewer);
  }
}
