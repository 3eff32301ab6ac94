import type { CrmFeature } from '../shared/crm-feature.js';
import { CompaniesController, ContactsController } from './companies.controller.js';
import { CompaniesService } from './companies.service.js';
import { companyRecord } from './company.record.js';
import { Company } from './company.entity.js';
import { Contact } from './contact.entity.js';
import { contactRecord } from './contact.record.js';
import { ContactsService } from './contacts.service.js';

export const companiesFeature: CrmFeature = {
  record: companyRecord,
  entities: [Company],
  providers: [CompaniesService],
  controllers: [CompaniesController],
};

/** contacts share the companies' folder: a company is created with its first contact */
export const contactsFeature: CrmFeature = {
  record: contactRecord,
  entities: [Contact],
  providers: [ContactsService],
  controllers: [ContactsController],
};
