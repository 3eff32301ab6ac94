import type { CrmFeature } from '../shared/crm-feature.js';
import { Complaint } from './complaint.entity.js';
import { complaintRecord } from './complaint.record.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';

export const complaintsFeature: CrmFeature = {
  record: complaintRecord,
  entities: [Complaint],
  providers: [ComplaintsService],
  controllers: [ComplaintsController],
};
