import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './credentials/passwords.js';
import { accessOfRoles, API_KEY_ROLES } from './roles.js';
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

export const API_KEY_MAX_TOPICS = 100;

/** a topic as models name it (`camunda:topic`), taken exactly: no trimming, so it matches what the engine compares */
const topicName = z
  .string({ message: 'expected a topic name' })
  .min(1, { message: 'must not be empty' })
  .max(255, { message: 'must be at most 255 characters' })
  .refine((topic) => topic.trim() === topic, { message: 'must not start or end with a space' });

export const createApiKeyBody = z
  .strictObject({
    name: z.string({ message: 'expected a name' }).trim().min(1, { message: 'must not be empty' }).max(100),
    roles: z.array(z.enum(API_KEY_ROLES, { message: `expected roles among ${API_KEY_ROLES.join(', ')}` })).min(1, { message: 'must name at least one role' }).max(API_KEY_ROLES.length),
    actForUsers: z.boolean({ message: 'expected true or false' }).optional(),
    /** the external-task topics the key may fetch, see and work on; absent: every topic */
    topics: z.array(topicName, { message: 'expected a list of topic names' }).min(1, { message: 'must name at least one topic (leave it out for every topic)' }).max(API_KEY_MAX_TOPICS, { message: `must name at most ${API_KEY_MAX_TOPICS} topics` }).optional(),
    expiresAt: instant('an ISO 8601 date-time').optional(),
  })
  .superRefine((body, context) => {
    if (body.topics && !accessOfRoles(body.roles).permissions.includes('engine.external-task')) {
      context.addIssue({ code: 'custom', path: ['topics'], message: `limits external-task work, which the roles ${body.roles.join(', ')} do not do: give the key the role worker, ops or admin, or leave topics out` });
    }
  });
