import type { CrmFeature } from '../shared/crm-feature.js';
import { DealProductsService } from './deal-products.service.js';
import { Deal } from './deal.entity.js';
import { dealRecord } from './deal.record.js';
import { DealsController, ProductsController } from './deals.controller.js';
import { DealsService } from './deals.service.js';
import { DealProduct, Product } from './product.entity.js';
import { ProductsService } from './products.service.js';

/** deals with the product catalogue their lines are priced from */
export const dealsFeature: CrmFeature = {
  record: dealRecord,
  entities: [Product, DealProduct, Deal],
  providers: [ProductsService, DealProductsService, DealsService],
  controllers: [DealsController, ProductsController],
};
