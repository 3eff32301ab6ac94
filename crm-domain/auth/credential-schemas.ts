import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './credentials/passwords.js';
import { API_KEY_ROLES } from './roles.js';
import { instant } from '../shared/instants.js';

const password = (what: string) => z.string({ message: `expected ${what}` }).min(1, { message: 'must not be empty' }).max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` });
const token = z.string({ message: 'expected the token of the link' }).min(1, { message: 'must not be empty' }).max(200);

export const signInBody = z.strictObject({
  email: z.string({ message: 'expected your email address (or user id)' }).trim().min(1, { message: 'must not be empty' }).max(200),
  password: password('your password'),
});

export const changePasswordBody = z.strictObject({ currentPassword: password('your current password'), newPassword: password('a new password') });

export const setPasswordWithTokenBody = z.strictObject({ token, newPassword: password('a new password') });

export const passwordTokenBody = z.strictObject({ token });

export const adminSetPasswordBody = z.strictObject({ newPassword: password('a new password') });

export const createApiKeyBody = z.strictObject({
  name: z.string({ message: 'expected a name' }).trim().min(1, { message: 'must not be empty' }).max(100),
  roles: z.array(z.enum(API_KEY_ROLES, { message: `expected roles among ${API_KEY_ROLES.join(', ')}` })).min(1, { message: 'must name at least one role' }).max(API_KEY_ROLES.length),
  actForUsers: z.boolean({ message: 'expected true or false' }).optional(),
  expiresAt: instant('an ISO 8601 date-time').optional(),
});
