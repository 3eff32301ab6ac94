import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { CompaniesService } from './companies.service.js';
import {
  companyListQuery, contactListQuery, createCompanyBody, createContactBody, updateCompanyBody, updateContactBody,
} from './company-schemas.js';
import { ContactsService } from './contacts.service.js';
import { CrmRequires } from '../auth/permissions.js';
import { DuplicatesService } from '../duplicates/duplicates.service.js';

@CrmRequires('crm.records.read')
@CrmController('companies', 'CRM companies and contacts')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly duplicates: DuplicatesService,
  ) {}

  @Get()
  list(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.companies.list(parseInput(companyListQuery, query, 'query'), viewer);
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.companies.get(id, viewer);
  }

  @CrmRequires('crm.records.write')
  @Post()
  async create(@Actor() actor: string, @Body() body: unknown, @Query() query: unknown, @Viewer() viewer: RecordViewer) {
    const input = parseInput(createCompanyBody, body);
    await this.duplicates.refuseLikely({ type: 'company', name: input.name, email: input.email, phones: input.phones, taxId: input.taxId, city: input.city }, viewer, query);
    return this.companies.create(actor, input, viewer);
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.companies.update(actor, id, parseInput(updateCompanyBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  archive(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.companies.archive(actor, id, viewer);
  }
}

@CrmRequires('crm.records.read')
@CrmController('contacts', 'CRM companies and contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly duplicates: DuplicatesService,
  ) {}

  @Get()
  list(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.contacts.list(parseInput(contactListQuery, query, 'query'), viewer);
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.contacts.get(id, viewer);
  }

  @CrmRequires('crm.records.write')
  @Post()
  async create(@Actor() actor: string, @Body() body: unknown, @Query() query: unknown, @Viewer() viewer: RecordViewer) {
    const input = parseInput(createContactBody, body);
    await this.duplicates.refuseLikely({ type: 'contact', name: input.fullName, email: input.email, phones: [input.workPhone, input.mobilePhone], companyId: input.companyId }, viewer, query);
    return this.contacts.create(actor, input, viewer);
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.contacts.update(actor, id, parseInput(updateContactBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  archive(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.contacts.archive(actor, id, viewer);
  }
}
