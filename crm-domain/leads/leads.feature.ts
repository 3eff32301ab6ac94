import type { CrmFeature } from '../shared/crm-feature.js';
import { LeadConversionService } from './lead-conversion.service.js';
import { Lead } from './lead.entity.js';
import { leadRecord } from './lead.record.js';
import { LeadsController } from './leads.controller.js';
import { LeadsService } from './leads.service.js';

export const leadsFeature: CrmFeature = {
  record: leadRecord,
  entities: [Lead],
  providers: [LeadsService, LeadConversionService],
  controllers: [LeadsController],
};
