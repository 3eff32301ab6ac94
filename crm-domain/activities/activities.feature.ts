import type { CrmFeature } from '../shared/crm-feature.js';
import { ActivitiesController } from './activities.controller.js';
import { ActivitiesService } from './activities.service.js';
import { ActivityReminderSweep } from './activity-reminders.js';
import { Activity } from './activity.entity.js';

/** calls, meetings, emails and tasks about records of any type: not a record type itself */
export const activitiesFeature: CrmFeature = {
  entities: [Activity],
  providers: [ActivitiesService, ActivityReminderSweep],
  controllers: [ActivitiesController],
};
