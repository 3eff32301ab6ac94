import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { pagingShape, q } from '../shared/list-query.js';
import { APPROVAL_STATUSES, DEAL_STAGES } from './deal.entity.js';

export const dealProductLine = z.strictObject({
  productId: field.id(),
  quantity: z.number({ message: 'expected a number' }).int({ message: 'expected a whole number' }).min(1, { message: 'must be 1 or more' }).max(1_000_000),
  /** defaults to the catalogue price */
  unitPrice: field.amount().optional(),
});

const dealFields = {
  title: field.name(),
  companyId: field.id(),
  contactId: field.id().nullish(),
  /** defaults to the sum of the product lines */
  amount: field.amount().optional(),
  currency: field.currency(),
  stage: field.oneOf(DEAL_STAGES).optional(),
  probability: z.number({ message: 'expected a number' }).int().min(0, { message: 'must be 0 to 100' }).max(100, { message: 'must be 0 to 100' }).optional(),
  ownerId: field.id().nullish(),
  expectedCloseDate: field.date().nullish(),
  lostReason: field.text(1000).nullish(),
};

export const createDealBody = z.strictObject({
  ...dealFields,
  products: z.array(dealProductLine).max(100, { message: 'at most 100 product lines' }).optional(),
});

export const updateDealBody = z.strictObject(dealFields).partial();

export const dealProductsBody = z.array(dealProductLine).max(100, { message: 'at most 100 product lines' });

export const approvalRequestBody = z.strictObject({
  discountPercent: z.number({ message: 'expected a number' }).min(0, { message: 'must be 0 to 100' }).max(100, { message: 'must be 0 to 100' }).optional(),
  comment: field.text(2000).optional(),
});

export const dealListQuery = z.strictObject({
  ...pagingShape,
  stage: q.oneOf(DEAL_STAGES),
  approvalStatus: q.oneOf(APPROVAL_STATUSES),
  ownerId: q.id(),
  teamId: q.id(),
  companyId: q.id(),
  q: q.text(),
  minAmount: q.number(),
  maxAmount: q.number(),
  closeFrom: q.date(),
  closeTo: q.date(),
  createdFrom: q.date(),
  createdTo: q.date(),
  archived: q.bool(),
});

export const createProductBody = z.strictObject({
  name: field.name(),
  sku: z.string({ message: 'expected text' }).regex(/^[A-Za-z0-9._-]{1,40}$/, { message: 'expected 1-40 letters, digits, dot, dash or underscore' }),
  price: field.amount(),
  currency: field.currency(),
  active: z.boolean({ message: 'expected true or false' }).optional(),
});
export const updateProductBody = createProductBody.partial();
export const productListQuery = z.strictObject({ ...pagingShape, active: q.bool(), q: q.text() });

export type DealProductLine = z.infer<typeof dealProductLine>;
export type CreateDeal = z.infer<typeof createDealBody>;
export type UpdateDeal = z.infer<typeof updateDealBody>;
export type DealListQuery = z.infer<typeof dealListQuery>;
export type ApprovalRequest = z.infer<typeof approvalRequestBody>;
export type CreateProduct = z.infer<typeof createProductBody>;
export type UpdateProduct = z.infer<typeof updateProductBody>;
