import { Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ObjectLiteral } from 'typeorm';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { activityListQuery } from '../activities/activity-schemas.js';
import { CrmRequires } from '../auth/permissions.js';
import { CompaniesService } from '../companies/companies.service.js';
import { companyListQuery, contactListQuery } from '../companies/company-schemas.js';
import { ContactsService } from '../companies/contacts.service.js';
import { complaintListQuery } from '../complaints/complaint-schemas.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { dealListQuery } from '../deals/deal-schemas.js';
import { DealsService } from '../deals/deals.service.js';
import { leadListQuery } from '../leads/lead-schemas.js';
import { LeadsService } from '../leads/leads.service.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { ACTIVITY_EXPORT, COMPANY_EXPORT, COMPLAINT_EXPORT, CONTACT_EXPORT, DEAL_EXPORT, LEAD_EXPORT } from './export-columns.js';
import { sendExport, type ExportableList } from './list-export.js';

/**
 * `GET /api/<list>/export`: a list as CSV or XLSX, every row the caller sees, with the list's own
 * filters and sort. Registered before the record controllers, so that `export` is not taken for
 * a record id.
 */
@CrmRequires('crm.records.read')
@CrmController('', 'CRM import and export')
export class ExportController {
  constructor(
    private readonly db: CrmDatabase,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
    private readonly leads: LeadsService,
    private readonly deals: DealsService,
    private readonly complaints: ComplaintsService,
    private readonly activities: ActivitiesService,
  ) {}

  @Get('companies/export')
  companiesExport(@Query() query: unknown, @Viewer() viewer: RecordViewer, @Res() res: Response) {
    return this.send(res, { name: 'companies', schema: companyListQuery, listed: (q, v) => this.companies.listed(q, v), shape: COMPANY_EXPORT }, query, viewer);
  }

  @Get('contacts/export')
  contactsExport(@Query() query: unknown, @Viewer() viewer: RecordViewer, @Res() res: Response) {
    return this.send(res, { name: 'contacts', schema: contactListQuery, listed: (q, v) => this.contacts.listed(q, v), shape: CONTACT_EXPORT }, query, viewer);
  }

  @Get('leads/export')
  leadsExport(@Query() query: unknown, @Viewer() viewer: RecordViewer, @Res() res: Response) {
    return this.send(res, { name: 'leads', schema: leadListQuery, listed: (q, v) => this.leads.listed(q, v), shape: LEAD_EXPORT }, query, viewer);
  }

  @Get('deals/export')
  dealsExport(@Query() query: unknown, @Viewer() viewer: RecordViewer, @Res() res: Response) {
    return this.send(res, { name: 'deals', schema: dealListQuery, listed: (q, v) => this.deals.listed(q, v), shape: DEAL_EXPORT }, query, viewer);
  }

  @Get('complaints/export')
  complaintsExport(@Query() query: unknown, @Viewer() viewer: RecordViewer, @Res() res: Response) {
    return this.send(res, { name: 'complaints', schema: complaintListQuery, listed: (q, v) => this.complaints.listed(q, v), shape: COMPLAINT_EXPORT }, query, viewer);
  }

  @Get('activities/export')
  activitiesExport(@Query() query: unknown, @Viewer() viewer: RecordViewer, @Res() res: Response) {
    return this.send(res, { name: 'activities', schema: activityListQuery, listed: (q, v) => this.activities.listed(q, v), shape: ACTIVITY_EXPORT }, query, viewer);
  }

  private send<Q extends { sort?: string | undefined }, E extends ObjectLiteral>(res: Response, list: ExportableList<Q, E>, query: unknown, viewer: RecordViewer): Promise<void> {
    return sendExport(res, this.db.dataSource, list, query, viewer, this.options.importExport.exportMaxRows);
  }
}
