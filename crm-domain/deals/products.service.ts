import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { applyFilters } from '../shared/list-filters.js';
import { readPage, type PageResult } from '../shared/list-query.js';
import { RecordStore } from '../shared/record-store.js';
import { definedOnly } from '../shared/defined-only.js';
import { Product } from './product.entity.js';
import { productList, type CreateProduct, type ProductListQuery, type UpdateProduct } from './deal-schemas.js';

export const products = new RecordStore(Product, null, 'Product');

const SORT = { sortable: { name: 'name', sku: 'sku', price: 'price' }, defaultSort: 'name' };

/** The simple product catalogue deals pick from. */
@Injectable()
export class ProductsService {
  constructor(private readonly db: CrmDatabase) {}

  list(query: ProductListQuery): Promise<PageResult<Product>> {
    const qb = this.db.dataSource.getRepository(Product).createQueryBuilder('pr');
    return readPage(qb, query, SORT, applyFilters(qb, productList, query));
  }

  get(id: string): Promise<Product> {
    return products.get(this.db.dataSource.manager, id);
  }

  create(actor: string, input: CreateProduct): Promise<Product> {
    return this.db.transaction(actor, (tx) => this.insert(tx, input));
  }

  async insert(tx: CrmTx, input: CreateProduct): Promise<Product> {
    const now = new Date();
    return products.insert(tx, { id: randomUUID(), name: input.name, sku: input.sku, price: input.price, currency: input.currency, active: input.active ?? true, createdAt: now, updatedAt: now });
  }

  update(actor: string, id: string, patch: UpdateProduct): Promise<Product> {
    return this.db.transaction(actor, async (tx) => products.update(tx, await products.get(tx.manager, id), definedOnly(patch)));
  }

  /** products leave the catalogue but stay on the deals that have them */
  archive(actor: string, id: string): Promise<Product> {
    return this.db.transaction(actor, async (tx) => products.update(tx, await products.get(tx.manager, id), { active: false }, 'archived'));
  }
}
