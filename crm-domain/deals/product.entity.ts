import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimal, timestamps } from '../shared/columns.js';

/** the simple catalogue deals pick their products from */
@Entity({ schema: 'crm', name: 'products' })
export class Product {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) sku!: string;
  @Column({ type: 'numeric', transformer: decimal }) price!: number;
  @Column({ type: 'text' }) currency!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column(timestamps.createdAt) createdAt!: Date;
  @Column(timestamps.updatedAt) updatedAt!: Date;
}

@Entity({ schema: 'crm', name: 'deal_products' })
export class DealProduct {
  @PrimaryColumn({ name: 'deal_id', type: 'uuid' }) dealId!: string;
  @PrimaryColumn({ name: 'product_id', type: 'uuid' }) productId!: string;
  @Column({ type: 'integer' }) quantity!: number;
  @Column({ name: 'unit_price', type: 'numeric', transformer: decimal }) unitPrice!: number;
}
