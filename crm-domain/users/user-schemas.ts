import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { pagingShape, q } from '../shared/list-query.js';
import { TEAM_KINDS } from './team.entity.js';
import { MANAGER_LEVELS, USER_ROLES } from './user.entity.js';

export const createUserBody = z.strictObject({
  name: field.name(),
  email: field.email(),
  role: field.oneOf(USER_ROLES),
  level: field.oneOf(MANAGER_LEVELS).nullish(),
  teamId: field.id().nullish(),
  active: z.boolean({ message: 'expected true or false' }).optional(),
  /** without one the answer carries a one-time invitation link to set it */
  password: z.string({ message: 'expected a password' }).max(256, { message: 'must be at most 256 characters' }).optional(),
});

export const updateUserBody = createUserBody.omit({ password: true }).partial();

export const userListQuery = z.strictObject({
  ...pagingShape,
  role: q.oneOf(USER_ROLES),
  level: q.oneOf(MANAGER_LEVELS),
  teamId: q.id(),
  active: q.bool(),
  q: q.text(),
});

export const createTeamBody = z.strictObject({
  name: field.name(100),
  kind: field.oneOf(TEAM_KINDS),
  headId: field.id().nullish(),
});

export const updateTeamBody = createTeamBody.partial();

export const teamListQuery = z.strictObject({ ...pagingShape, kind: q.oneOf(TEAM_KINDS) });

export type CreateUser = z.infer<typeof createUserBody>;
export type UpdateUser = z.infer<typeof updateUserBody>;
export type UserListQuery = z.infer<typeof userListQuery>;
export type CreateTeam = z.infer<typeof createTeamBody>;
export type UpdateTeam = z.infer<typeof updateTeamBody>;
