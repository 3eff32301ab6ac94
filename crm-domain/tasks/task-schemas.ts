import { z } from 'zod';
import { pagingShape, q } from '../shared/list-query.js';

export const taskListQuery = z.strictObject({
  page: pagingShape.page,
  pageSize: pagingShape.pageSize,
  assignee: q.text(),
  /** tasks the user may work on: assigned to them, or offered to them or their groups */
  involvedUser: q.text(),
  candidateGroup: q.text(),
  recordId: q.id(),
  processDefinitionKey: q.text(),
  dueBefore: q.date(),
});

const variableValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()], { message: 'expected text, a number, true/false or null' });

export const completeTaskBody = z.strictObject({
  /** plain values: `{ "approved": true, "decisionComment": "ok" }` */
  variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'expected a variable name' }), variableValue).optional(),
});

export type TaskListQuery = z.infer<typeof taskListQuery>;
