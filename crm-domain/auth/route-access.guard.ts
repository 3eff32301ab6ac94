import { ForbiddenException, Inject, Injectable, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { routeAccessOf, taskCheckedInCommand, taskOperationOf, type TaskOperation } from '../../engine/nest/access/index.js';
import { NotFoundError } from '../../engine/core/errors/index.js';
import type { EngineQueries } from '../../engine/core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../../engine/nest/engine-providers.js';
import { IdentityDirectory, type SupervisedTeam } from '../../engine/nest/identity-directory.js';
import { routeRefusal } from './access-policy.js';
import { Authenticator, SignInBlockedException } from './authenticator.js';
import { SESSION_REQUIRED_HEADER } from './session-cookie.js';
import type { SignedInUser } from './signed-in-user.js';
import { notFound, taskOwnershipRefusal, taskTargets, type OwnedTask } from './task-ownership.js';
import { coded } from '../../engine/nest/http/coded-exception.js';

export type RequestWithUser = Request & {
  user?: SignedInUser;
  /** on routes whose command checks whose task it is (TaskCheckedInCommand): that check, for the command to run */
  taskOwnershipCheck?: (task: OwnedTask) => void;
};

const REALM = 'Basic realm="CRM BPMN engine", charset="UTF-8"';

/**
 * The one place that decides who a request acts for and whether they may: it reads the rule of the
 * route Nest matched (its handler's metadata, so spelling, case, slashes or encoding of the URL
 * cannot change the outcome), refuses routes without a rule, authenticates (see Authenticator) and
 * checks the caller's permissions and, for task routes, whose task it is. It sets `request.user`,
 * which the CRM (change log, record access) and the engine (start user, comment authors) read.
 */
@Injectable()
export class RouteAccessGuard implements CanActivate {
  private readonly log = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
    private readonly identity: IdentityDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const access = routeAccessOf(this.reflector, context);
    if (!access) {
      this.log.error(`${context.getClass().name}.${context.getHandler().name} has no access rule: refused`);
      throw new ForbiddenException(coded('This route has no access rule', 'AUTH_NO_ACCESS_RULE'));
    }
    const user = await this.identify(request, context.switchToHttp().getResponse<Response>(), access.kind === 'public');
    if (user) request.user = user;
    if (access.kind === 'public') return true;
    if (!user) throw new UnauthorizedException(coded('Sign in first: send your credentials (HTTP Basic or an API key) or sign in at /login', 'AUTH_REQUIRED'));
    const refused = routeRefusal(user, access);
    if (refused) throw new ForbiddenException(coded(refused, 'AUTH_ROLE_REFUSED'));
    const operation = taskOperationOf(this.reflector, context);
    if (operation && taskCheckedInCommand(this.reflector, context)) await this.handOverTaskCheck(user, operation, request);
    else if (operation) await this.checkTask(user, operation, request);
    return true;
  }

  /** on public routes, credentials that do not hold are ignored rather than refused */
  private async identify(request: Request, response: Response, lenient: boolean): Promise<SignedInUser | null> {
    try {
      const user = await this.authenticator.authenticate(request);
      if (!user && !lenient) this.challenge(request, response);
      return user;
    } catch (error) {
      if (lenient) return null;
      if (error instanceof SignInBlockedException) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      else if (error instanceof UnauthorizedException) this.challenge(request, response);
      throw error;
    }
  }

  /** asks HTTP clients for Basic credentials; never the web app, where the browser would pop up its own dialog */
  private challenge(request: Request, response: Response): void {
    if (request.header(SESSION_REQUIRED_HEADER) === undefined) response.setHeader('WWW-Authenticate', REALM);
  }

  /** task routes: a task one may not see is not found (as one that does not exist), one one may not work on is refused */
  private async checkTask(user: SignedInUser, operation: TaskOperation, request: Request): Promise<void> {
    const taskId = request.params['id'];
    if (typeof taskId !== 'string') return;
    const task = await this.taskNamed(taskId, operation);
    if (!task) throw new NotFoundError(notFound(taskId));
    refuseUnlessAllowed(user, operation, request, task, await this.teamOf(user));
  }

  /** the same check, run by the command on the task it loads (the route's handler passes it on) */
  private async handOverTaskCheck(user: SignedInUser, operation: TaskOperation, request: RequestWithUser): Promise<void> {
    const team = await this.teamOf(user);
    request.taskOwnershipCheck = (task) => refuseUnlessAllowed(user, operation, request, task, team);
  }

  private async teamOf(user: SignedInUser) {
    return user.supervisor && !user.seesAllTasks ? this.identity.teamSupervisedBy(user.id) : null;
  }

  /** the open task; for reading (comments), also a finished one */
  private async taskNamed(taskId: string, operation: TaskOperation): Promise<OwnedTask | undefined> {
    const [open] = await this.queries.tasks({ filter: { taskId } });
    if (open || operation !== 'read') return open;
    const [finished] = await this.queries.historicTasks({ filter: { taskId } });
    return finished;
  }
}

function refuseUnlessAllowed(user: SignedInUser, operation: TaskOperation, request: Request, task: OwnedTask, team: SupervisedTeam | null): void {
  const { users, groups } = taskTargets(operation, request.body, user, task);
  const refused = taskOwnershipRefusal(user, { operation, task, toUsers: users, toGroups: groups, team });
  if (refused?.status === 404) throw new NotFoundError(refused.message);
  if (refused) throw new ForbiddenException(coded(refused.message, 'ENGINE_FORBIDDEN'));
}
