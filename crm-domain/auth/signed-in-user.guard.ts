import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { EngineQueries } from '../../engine/core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../../engine/nest/engine-providers.js';
import { meets, refusal, requirementOf, type Requirement } from './access-policy.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { Identities } from './identities.js';
import { ACTOR_HEADER, SESSION_REQUIRED_HEADER, sessionTokenOf } from './session-cookie.js';
import type { SignedInUser } from './signed-in-user.js';
import { taskOwnershipRefusal } from './task-ownership.js';

/** reachable without anyone signed in: signing in itself, the public web form, probes */
const OPEN_PATHS = /^\/(api\/session|api\/public|health|metrics)(\/|$)/;

export type RequestWithUser = Request & { user?: SignedInUser };

/**
 * The one place that decides who a request acts for and whether they may: the session cookie of
 * the web app's sign-in, else (for API clients, while anonymous access is allowed) `X-User-Id`.
 * The web app marks its requests with `X-Session-Required`, so that a page whose session is gone
 * is sent to the login instead of going on anonymously.
 * It sets `request.user`, which the CRM (change log, start user) and the engine (comment authors,
 * start user) read. Full authentication replaces this guard and the session endpoints, not the pages.
 */
@Injectable()
export class SignedInUserGuard implements CanActivate {
  constructor(
    private readonly identities: Identities,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    if (OPEN_PATHS.test(request.path)) return true;
    const user = await this.identify(request);
    if (!user) return true;
    request.user = user;
    const requirement = requirementOf(request.method, request.path);
    if (requirement) await this.authorize(user, requirement, request);
    return true;
  }

  private async identify(request: Request): Promise<SignedInUser | null> {
    const token = sessionTokenOf(request);
    if (token) {
      const user = await this.identities.ofSession(token);
      if (!user) throw new UnauthorizedException('Your session has expired or was closed: sign in again');
      return user;
    }
    if (request.header(SESSION_REQUIRED_HEADER) !== undefined) throw new UnauthorizedException('Your session has ended: sign in again');
    const userId = request.header(ACTOR_HEADER);
    if (!this.options.allowAnonymous) {
      throw new UnauthorizedException(userId ? `Sign in first: '${ACTOR_HEADER}' is only taken while anonymous access is allowed (AUTH_ANONYMOUS=true)` : 'Sign in first');
    }
    if (!userId) return null;
    const user = await this.identities.ofUserId(userId);
    if (!user) throw new UnauthorizedException(`Unknown or inactive user '${userId.slice(0, 100)}' in the ${ACTOR_HEADER} header`);
    return user;
  }

  private async authorize(user: SignedInUser, requirement: Requirement, request: Request): Promise<void> {
    if (!meets(user, requirement.needs)) throw new ForbiddenException(refusal(user, requirement));
    if (!requirement.task || !requirement.taskId) return;
    const [task] = await this.queries.tasks({ filter: { taskId: requirement.taskId } });
    const requested = (request.body as { userId?: unknown } | undefined)?.userId;
    const toUserId = request.path.startsWith('/api/') ? user.id : typeof requested === 'string' ? requested : requirement.task === 'claim' ? user.id : null;
    const refused = taskOwnershipRefusal(user, { operation: requirement.task, assignee: task ? task.assignee : undefined, toUserId });
    if (refused) throw new ForbiddenException(refused);
  }
}
