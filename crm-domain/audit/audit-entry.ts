import type { Request } from 'express';
import type { SignedInUser } from '../auth/signed-in-user.js';

export const ACTOR_KINDS = ['user', 'api-key', 'system', 'anonymous'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** success: it was done; refused: the caller may not (403, a failed sign-in); failed: the server failed (5xx) */
export const OUTCOMES = ['success', 'refused', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Actor {
  /** a user id, `api-key:<key id>`, or null for an anonymous caller */
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly actorKind: ActorKind;
  /** the API key the request came with */
  readonly viaApiKey: string | null;
}

/** One row of the audit log, as written; `at` is the database's time of the insert. */
export interface AuditEntry extends Actor {
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly outcome: Outcome;
  /** the HTTP status answered, when there was a response */
  readonly status: number | null;
  readonly clientAddress: string | null;
  readonly requestId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export const ANONYMOUS: Actor = { actorId: null, actorName: null, actorKind: 'anonymous', viaApiKey: null };

/** the service itself, acting on its configuration (the first admin) */
export const SYSTEM: Actor = { actorId: 'system', actorName: 'System', actorKind: 'system', viaApiKey: null };

export function actorOf(user: SignedInUser): Actor {
  if (user.kind === 'api-key') return { actorId: user.id, actorName: user.name, actorKind: 'api-key', viaApiKey: user.id.replace(/^api-key:/, '') };
  return { actorId: user.id, actorName: user.name, actorKind: 'user', viaApiKey: user.viaApiKey ?? null };
}

/** where a request came from: the client's address (trust proxy honoured) and the log's request id */
export function originOf(request: Request): Pick<AuditEntry, 'clientAddress' | 'requestId'> {
  const id = (request as { id?: unknown }).id;
  return {
    clientAddress: request.ip ?? null,
    requestId: typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 100) : null,
  };
}
