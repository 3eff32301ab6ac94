import type { CrmFeature } from '../shared/crm-feature.js';
import { CalendarsController } from './calendars.controller.js';
import { CalendarsService } from './calendars.service.js';
import { SlaExpressions } from './sla-expressions.js';

/** teams' working calendars (`/api/teams/{id}/calendar`) and the expression functions `crm.sla.*` */
export const calendarsFeature: CrmFeature = {
  entities: [],
  providers: [CalendarsService, SlaExpressions],
  controllers: [CalendarsController],
};
