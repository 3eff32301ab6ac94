import { z } from 'zod';
import { activityListQuery } from '../activities/activity-schemas.js';
import { companyListQuery, contactListQuery } from '../companies/company-schemas.js';
import { complaintListQuery } from '../complaints/complaint-schemas.js';
import { dealListQuery } from '../deals/deal-schemas.js';
import { leadListQuery } from '../leads/lead-schemas.js';
import { field } from '../shared/body-fields.js';

/** the lists a view can be saved for, with the query each takes: a saved view is always a query its list accepts */
export const VIEW_LISTS = {
  companies: companyListQuery,
  contacts: contactListQuery,
  leads: leadListQuery,
  deals: dealListQuery,
  complaints: complaintListQuery,
  activities: activityListQuery,
} as const;

export type ViewList = keyof typeof VIEW_LISTS;
const LIST_NAMES = Object.keys(VIEW_LISTS) as [ViewList, ...ViewList[]];

export const MAX_VIEWS_PER_LIST = 50;

export const savedViewListQuery = z.strictObject({ list: field.oneOf(LIST_NAMES) });

export const saveViewBody = z.strictObject({
  list: field.oneOf(LIST_NAMES),
  name: field.name(100),
  /** the list's query parameters as the URL has them (filters and sort; the page is not kept) */
  query: z
    .record(z.string(), z.string({ message: 'expected text' }).max(200, { message: 'must be at most 200 characters' }), { message: 'expected the query parameters as an object of texts' })
    .refine((query) => Object.keys(query).length <= 30, { message: 'expected at most 30 parameters' }),
});

export type SaveView = z.infer<typeof saveViewBody>;
