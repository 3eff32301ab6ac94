import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { q } from '../shared/list-query.js';
import { filters, listQuery, param } from '../shared/list-filters.js';
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
  productCategory: field.text(200).nullish(),
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

export const dealList = listQuery({
  stage: param(q.oneOf(DEAL_STAGES), filters.equals('stage')),
  approvalStatus: param(q.oneOf(APPROVAL_STATUSES), filters.equals('approval_status')),
  ownerId: param(q.id(), filters.equals('owner_id')),
  /** deals owned by the team's members */
  teamId: param(q.id(), filters.inTeam('owner_id')),
  companyId: param(q.id(), filters.equals('company_id')),
  q: param(q.text(), filters.startsWith('title', 'title')),
  minAmount: param(q.number(), filters.atLeast('amount')),
  maxAmount: param(q.number(), filters.atMost('amount')),
  closeFrom: param(q.date(), filters.atLeast('expected_close_date')),
  closeTo: param(q.date(), filters.before('expected_close_date')),
  createdFrom: param(q.date(), filters.atLeast('created_at')),
  createdTo: param(q.date(), filters.before('created_at')),
  archived: param(q.bool(), filters.archived()),
});
export const dealListQuery = dealList.schema;

export const createProductBody = z.strictObject({
  name: field.name(),
  sku: z.string({ message: 'expected text' }).regex(/^[A-Za-z0-9._-]{1,40}$/, { message: 'expected 1-40 letters, digits, dot, dash or underscore' }),
  price: field.amount(),
  currency: field.currency(),
  active: z.boolean({ message: 'expected true or false' }).optional(),
});
export const updateProductBody = createProductBody.partial();
export const productList = listQuery({
  active: param(q.bool(), filters.equals('active')),
  q: param(q.text(), filters.startsWith('name', 'name')),
});
export const productListQuery = productList.schema;

export type DealProductLine = z.infer<typeof dealProductLine>;
export type CreateDeal = z.infer<typeof createDealBody>;
export type UpdateDeal = z.infer<typeof updateDealBody>;
export type DealListQuery = z.infer<typeof dealListQuery>;
export type ProductListQuery = z.infer<typeof productListQuery>;
export type ApprovalRequest = z.infer<typeof approvalRequestBody>;
export type CreateProduct = z.infer<typeof createProductBody>;
export type UpdateProduct = z.infer<typeof updateProductBody>;
