import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { authenticatedUserIdOf } from '../../engine/nest/rest/authenticated-user.js';

/**
 * Who acts: the signed-in user the guard (crm-domain/auth) found for the request, else
 * `anonymous`. It is written to the change log and becomes the start user of processes.
 */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): string => authenticatedUserIdOf(context) ?? 'anonymous');
