import { Body, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import {
  approvalRequestBody, createDealBody, createProductBody, dealListQuery, dealProductsBody, productListQuery, updateDealBody, updateProductBody,
} from './deal-schemas.js';
import { DealsService } from './deals.service.js';
import { ProductsService } from './products.service.js';
import { CrmRequires } from '../auth/permissions.js';
import { SignedIn } from '../../engine/nest/access/index.js';

@CrmRequires('crm.records.read')
@CrmController('deals', 'CRM deals and products')
export class DealsController {
  constructor(private readonly deals: DealsService) {}

  @Get()
  list(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.deals.list(parseInput(dealListQuery, query, 'query'), viewer);
  }

  /** count and amount (per currency) of each stage's deals, with the list's filters: the pipeline board's column heads */
  @Get('pipeline')
  pipeline(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.deals.pipeline(parseInput(dealListQuery, query, 'query'), viewer);
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.deals.get(id, viewer);
  }

  @CrmRequires('crm.records.write')
  @Post()
  create(@Actor() actor: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.deals.create(actor, parseInput(createDealBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.deals.update(actor, id, parseInput(updateDealBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Put(':id/products')
  setProducts(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.deals.setProducts(actor, id, parseInput(dealProductsBody, body), viewer);
  }

  /** starts the approval chain (deal-approval) for the deal and its discount */
  @CrmRequires('crm.records.write')
  @Post(':id/approval-requests')
  requestApproval(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.deals.requestApproval(actor, id, parseInput(approvalRequestBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  archive(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.deals.archive(actor, id, viewer);
  }
}

@SignedIn()
@CrmController('products', 'CRM deals and products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  list(@Query() query: unknown) {
    return this.products.list(parseInput(productListQuery, query, 'query'));
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string) {
    return this.products.get(id);
  }

  @CrmRequires('crm.catalogue')
  @Post()
  create(@Actor() actor: string, @Body() body: unknown) {
    return this.products.create(actor, parseInput(createProductBody, body));
  }

  @CrmRequires('crm.catalogue')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    return this.products.update(actor, id, parseInput(updateProductBody, body));
  }

  @CrmRequires('crm.catalogue')
  @Delete(':id')
  archive(@Actor() actor: string, @Param('id', RecordIdPipe) id: string) {
    return this.products.archive(actor, id);
  }
}
