import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
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

@CrmRequires('crm.records.read')
@CrmController('companies', 'CRM companies and contacts')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  list(@Query() query: unknown) {
    return this.companies.list(parseInput(companyListQuery, query, 'query'));
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string) {
    return this.companies.get(id);
  }

  @CrmRequires('crm.records.write')
  @Post()
  create(@Actor() actor: string, @Body() body: unknown) {
    return this.companies.create(actor, parseInput(createCompanyBody, body));
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    return this.companies.update(actor, id, parseInput(updateCompanyBody, body));
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  archive(@Actor() actor: string, @Param('id', RecordIdPipe) id: string) {
    return this.companies.archive(actor, id);
  }
}

@CrmRequires('crm.records.read')
@CrmController('contacts', 'CRM companies and contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  list(@Query() query: unknown) {
    return this.contacts.list(parseInput(contactListQuery, query, 'query'));
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string) {
    return this.contacts.get(id);
  }

  @CrmRequires('crm.records.write')
  @Post()
  create(@Actor() actor: string, @Body() body: unknown) {
    return this.contacts.create(actor, parseInput(createContactBody, body));
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    return this.contacts.update(actor, id, parseInput(updateContactBody, body));
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  archive(@Actor() actor: string, @Param('id', RecordIdPipe) id: string) {
    return this.contacts.archive(actor, id);
  }
}
