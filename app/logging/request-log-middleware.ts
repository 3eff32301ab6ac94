import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { isUnderPrefix } from '../../engine/nest/http/path-prefix.js';
import { redactUrl } from '../http-safety/request-log.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** an id a client or proxy sends is kept when it is this plain; anything else gets a new one */
const SENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** the routes a busy client calls all the time: at info their successes are not logged one by one */
const QUIET_PREFIX = '/engine-rest';
const NOT_LOGGED = '/health';

export interface RequestLogPolicy {
  /** a request answered in this many milliseconds or more is logged whatever its route and status */
  readonly slowMs: number;
  /** at info, one in this many successful requests to quiet routes is logged; 0: none */
  readonly sampleEvery: number;
}

/** what Express and the guard add to a request by the time it is answered */
interface AnsweredRequest extends IncomingMessage {
  id?: string;
  originalUrl?: string;
  route?: { path?: unknown };
  user?: { id?: unknown };
}

/** gives each request an id (X-Request-Id, `req.id` for the audit and error lines) and logs it once answered if the policy says so */
export type RequestLogMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * One line per logged request: method, URL (secret query values redacted), the route Nest matched,
 * status, milliseconds, user id and request id; no headers. At debug every request; at info every
 * failure (4xx, 5xx, an answer cut off), every slow request and every request outside
 * /engine-rest, but successful Camunda REST calls only one in `sampleEvery` (none by default):
 * they are the hot path, and the audit log keeps what they change. No AsyncLocalStorage: on Node 20
 * its promise hooks cost a trivial request about 9% of its CPU; a 5xx's error line names its request
 * itself (CamundaExceptionFilter).
 */
export function requestLog(root: Logger, policy: RequestLogPolicy): RequestLogMiddleware {
  let quietSuccesses = 0;

  const sampled = (): boolean => policy.sampleEvery > 0 && ++quietSuccesses % policy.sampleEvery === 0;

  const answered = (req: AnsweredRequest, res: ServerResponse, id: string, startedAt: number): void => {
    const ms = Math.round(performance.now() - startedAt);
    const status = res.statusCode;
    const cutOff = !res.writableFinished;
    const slow = ms >= policy.slowMs;
    const worth = cutOff || status >= 400 || slow || root.isLevelEnabled('debug') || !isUnderPrefix(pathOf(req), QUIET_PREFIX) || sampled();
    if (!worth) return;
    const route = typeof req.route?.path === 'string' ? req.route.path : undefined;
    const userId = typeof req.user?.id === 'string' ? req.user.id : undefined;
    root.info(
      { reqId: id, method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? ''), route, status, ms, userId, ...(slow ? { slow } : {}), ...(cutOff ? { cutOff } : {}) },
      `${req.method} ${route ?? pathOf(req)} ${cutOff ? 'cut off' : status} in ${ms} ms`,
    );
  };

  return (incoming, res, next) => {
    const req = incoming as AnsweredRequest;
    const startedAt = performance.now();
    const id = requestIdOf(req);
    req.id = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    if (root.isLevelEnabled('info') && req.url !== NOT_LOGGED) res.once('close', () => answered(req, res, id, startedAt));
    next();
  };
}

function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && SENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

function pathOf(req: AnsweredRequest): string {
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
