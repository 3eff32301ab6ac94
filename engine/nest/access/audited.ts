import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { CommandOptions } from '../../core/commands/command-processor.js';
import type { CommitCompanion } from '../../core/ports/engine-store.js';

/** What the audit trail knows of a call when it writes the row. */
export interface AuditedCall {
  readonly params: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: Readonly<Record<string, unknown>>;
  /** the raw request body: unvalidated when the call was refused */
  readonly body: unknown;
  /** the handler's answer; undefined when the call was refused or failed */
  readonly result: unknown;
  /** who made the call, when known */
  readonly actorId: string | null;
}

/**
 * A privileged action the application records in its audit log (who, what, on which target,
 * allowed or not). The engine only declares it; the application writes the rows.
 */
export interface AuditSpec {
  /** a stable dotted code: `task.complete`, `process-instance.cancel` */
  readonly action: string;
  /** what the action is done to: `task`, `process-instance`, `user`, ... */
  readonly target: string;
  /** the target's id; by default the route's `:id`, else the answer's `id` */
  readonly targetId?: (call: AuditedCall) => unknown;
  /** small, safe facts: ids, names, counts, types. Never values, passwords, tokens or keys */
  readonly details?: (call: AuditedCall) => Record<string, unknown> | undefined;
  /** the route signs its caller in: the actor is the user it answers with */
  readonly signsIn?: boolean;
  /**
   * only calls for which this holds are audited (read before any access decision, from the raw
   * request): for a route whose everyday use is not a privileged action but one variant of it is
   */
  readonly when?: (call: Pick<AuditedCall, 'params' | 'query' | 'body'>) => boolean;
}

export const AUDITED = 'audited';

export const Audited = (action: string, options: Omit<AuditSpec, 'action'>) => SetMetadata(AUDITED, { action, ...options } satisfies AuditSpec);

export function auditSpecOf(reflector: Reflector, context: ExecutionContext): AuditSpec | undefined {
  return reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
}

/**
 * Set on the request by the application's audit trail: the audit row of this call's success with
 * the given status, as a record for the command to commit with its own changes (so the change and
 * its row are stored together or not at all); undefined when the call is not audited.
 */
export type AuditInCommand = (status: number) => CommitCompanion | undefined;

const AUDIT_IN_COMMAND = Symbol('audit-in-command');

export function offerAuditInCommand(request: object, audit: AuditInCommand): void {
  (request as { [AUDIT_IN_COMMAND]?: AuditInCommand })[AUDIT_IN_COMMAND] = audit;
}

/** the options of the command a handler runs for this request: the call's audit row, if it is audited, commits with the command's changes */
export function auditedCommand(request: object, status = 204): CommandOptions {
  const row = (request as { [AUDIT_IN_COMMAND]?: AuditInCommand })[AUDIT_IN_COMMAND]?.(status);
  return row ? { companions: [row] } : {};
}
