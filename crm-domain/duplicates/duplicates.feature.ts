import type { CrmFeature } from '../shared/crm-feature.js';
import { DuplicatesController } from './duplicates.controller.js';
import { DuplicatesService } from './duplicates.service.js';
import { MergeService } from './merge.service.js';

/** likely duplicates (GET /api/duplicates, the check before a create) and merges; no record type of its own */
export const duplicatesFeature: CrmFeature = {
  entities: [],
  providers: [DuplicatesService, MergeService],
  controllers: [DuplicatesController],
};
