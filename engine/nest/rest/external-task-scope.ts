import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ForbiddenError } from '../../core/errors/index.js';

/**
 * The external-task topics a caller may fetch, see and work on, read from
 * `request.user.externalTaskTopics` (the application's guard sets it for an API key limited to
 * topics); null when the caller is not limited by topic.
 */
export class ExternalTaskScope {
  private constructor(
    readonly topics: ReadonlySet<string>,
    private readonly callerName: string,
  ) {}

  static of(request: unknown): ExternalTaskScope | null {
    const user = (request as { user?: { externalTaskTopics?: unknown; name?: unknown } }).user;
    const topics = user?.externalTaskTopics;
    if (!Array.isArray(topics)) return null;
    const name = typeof user?.name === 'string' ? user.name : 'The caller';
    return new ExternalTaskScope(new Set(topics.filter((t): t is string => typeof t === 'string')), name);
  }

  includes(topic: string): boolean {
    return this.topics.has(topic);
  }

  /** a fetch naming a topic outside the scope is refused whole, naming the topics, rather than quietly narrowed */
  requireAll(topics: readonly string[]): void {
    const outside = [...new Set(topics.filter((topic) => !this.includes(topic)))];
    if (outside.length === 0) return;
    const names = (list: readonly string[]) => list.map((topic) => `'${topic}'`).join(', ');
    throw new ForbiddenError(`${this.callerName} may not fetch external tasks of the topic${outside.length > 1 ? 's' : ''} ${names(outside)}: it is limited to ${names([...this.topics])}`);
  }

  /** narrows a list or count filter to the scope's topics */
  narrow(filter: Record<string, unknown>): Record<string, unknown> {
    return { ...filter, topicNameIn: [...this.topics] };
  }
}

/** `ExternalTaskScope.of` the request, as a handler parameter */
export const CallerTopics = createParamDecorator((_: unknown, context: ExecutionContext) => ExternalTaskScope.of(context.switchToHttp().getRequest()));
