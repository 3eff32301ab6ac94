import type { CrmFeature } from '../shared/crm-feature.js';
import { RecordSearchController } from './record-search.controller.js';
import { RecordSearchService } from './record-search.service.js';
import { SavedViewsController } from './saved-views.controller.js';
import { SavedViewsService } from './saved-views.service.js';

/** what the web app's record screens need besides the records: saved views of lists, and finding records by name */
export const workspaceFeature: CrmFeature = {
  entities: [],
  providers: [SavedViewsService, RecordSearchService],
  controllers: [RecordSearchController, SavedViewsController],
};
