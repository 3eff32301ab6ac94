import { z } from 'zod';
import { field } from '../shared/body-fields.js';
import { q } from '../shared/list-query.js';
import { filters, listQuery, param } from '../shared/list-filters.js';
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

export const userList = listQuery({
  role: param(q.oneOf(USER_ROLES), filters.equals('role')),
  level: param(q.oneOf(MANAGER_LEVELS), filters.equals('level')),
  teamId: param(q.id(), filters.equals('team_id')),
  active: param(q.bool(), filters.equals('active')),
  q: param(q.text(), filters.startsWith('name', 'name')),
});
export const userListQuery = userList.schema;

export const createTeamBody = z.strictObject({
  name: field.name(100),
  kind: field.oneOf(TEAM_KINDS),
  headId: field.id().nullish(),
});

export const updateTeamBody = createTeamBody.partial();

export const teamList = listQuery({ kind: param(q.oneOf(TEAM_KINDS), filters.equals('kind')) });
export const teamListQuery = teamList.schema;

export type CreateUser = z.infer<typeof createUserBody>;
export type UpdateUser = z.infer<typeof updateUserBody>;
export type UserListQuery = z.infer<typeof userListQuery>;
export type TeamListQuery = z.infer<typeof teamListQuery>;
export type CreateTeam = z.infer<typeof createTeamBody>;
export type UpdateTeam = z.infer<typeof updateTeamBody>;
