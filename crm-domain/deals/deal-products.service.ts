import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CrmTx } from '../shared/crm-tx.js';
import type { DealProductLine } from './deal-schemas.js';
import { DealProduct } from './product.entity.js';
import { products } from './products.service.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

export interface PricedLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

/** The product lines of a deal, priced from the catalogue unless a price is given. */
@Injectable()
export class DealProductsService {
  of(manager: EntityManager, dealId: string): Promise<DealProduct[]> {
    return manager.getRepository(DealProduct).find({ where: { dealId }, order: { productId: 'ASC' } });
  }

  async price(tx: CrmTx, lines: readonly DealProductLine[], currency: string): Promise<PricedLine[]> {
    const seen = new Set<string>();
    const priced: PricedLine[] = [];
    for (const [index, line] of lines.entries()) {
      if (seen.has(line.productId)) throw new CrmInvalidRequestError(`Invalid request body: 'products.${index}.productId' is listed twice`);
      seen.add(line.productId);
      const product = await products.referenced(tx.manager, line.productId, `products.${index}.productId`);
      if (line.unitPrice === undefined && product.currency !== currency) {
        throw new CrmInvalidRequestError(`Invalid request body: 'products.${index}.unitPrice' is required: the catalogue price is in ${product.currency}, the deal in ${currency}`);
      }
      priced.push({ productId: line.productId, quantity: line.quantity, unitPrice: line.unitPrice ?? product.price });
    }
    return priced;
  }

  async replace(tx: CrmTx, dealId: string, lines: readonly PricedLine[]): Promise<DealProduct[]> {
    await tx.manager.delete(DealProduct, { dealId });
    if (lines.length > 0) await tx.manager.insert(DealProduct, lines.map((l) => ({ dealId, ...l })));
    return this.of(tx.manager, dealId);
  }
}
