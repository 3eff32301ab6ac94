import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { CommitCompanion } from '../../engine/core/ports/engine-store.js';
import { offerAuditInCommand, scalar, type AuditedCall, type AuditSpec } from '../../engine/nest/access/index.js';
import type { SignedInUser } from '../auth/signed-in-user.js';
import { actorOf, originOf, type AuditEntry, type Outcome } from './audit-entry.js';
import { AuditLog } from './audit-log.js';

const PENDING = Symbol('pending-audit');

interface Pending {
  readonly spec: AuditSpec;
  recorded: boolean;
  /** the success row went to an engine command, to commit with its changes */
  inCommand: boolean;
}

type AuditedRequest = Request & { user?: SignedInUser; [PENDING]?: Pending };

/**
 * Records the calls of routes marked `@Audited`: a success before its answer leaves (so a 2xx
 * means the row is there), a refusal (403, from the access guard or the handler) or a server
 * failure (5xx) once the answer is sent. Client mistakes (400, 404, 409) change nothing and are
 * not recorded; neither are calls without a known caller (401: failed sign-ins are recorded, rate
 * limited, by SignInAudit), so anonymous callers cannot fill the table.
 *
 * A handler that runs an engine command may take the success row along (`auditedCommand` of the
 * request): the command inserts it in its own write, so the change and its row commit together or
 * not at all, and nothing more is written on success. If the handler fails, its refusal or failure
 * is recorded as for any call.
 */
@Injectable()
export class AuditTrail {
  private readonly log = new Logger('Audit');

  constructor(private readonly audit: AuditLog) {}

  /** called before any access decision: from here on, the call ends in a row or a deliberate skip */
  begin(request: Request, response: Response, spec: AuditSpec): void {
    const pending: Pending = { spec, recorded: false, inCommand: false };
    (request as AuditedRequest)[PENDING] = pending;
    offerAuditInCommand(request, (status) => this.inCommand(request as AuditedRequest, pending, status));
    response.once('finish', () => void this.settle(request as AuditedRequest, response.statusCode));
  }

  isPending(request: Request): boolean {
    return (request as AuditedRequest)[PENDING]?.recorded === false;
  }

  async succeeded(request: Request, response: Response, result: unknown): Promise<void> {
    const pending = (request as AuditedRequest)[PENDING];
    if (pending?.inCommand) {
      pending.recorded = true;
      return;
    }
    await this.record(request as AuditedRequest, 'success', response.statusCode, result);
  }

  /** the success row, for a command to commit; built before the answer, so its target and details come from the request */
  private inCommand(request: AuditedRequest, pending: Pending, status: number): CommitCompanion | undefined {
    if (pending.recorded || pending.spec.signsIn || !request.user) return undefined;
    pending.inCommand = true;
    return this.audit.inCommand(this.entryOf(request, request.user, pending.spec, 'success', status, undefined));
  }

  private async settle(request: AuditedRequest, status: number): Promise<void> {
    const outcome = outcomeOf(status);
    if (outcome) await this.record(request, outcome, status, undefined);
  }

  private async record(request: AuditedRequest, outcome: Outcome, status: number, result: unknown): Promise<void> {
    const pending = request[PENDING];
    if (!pending || pending.recorded) return;
    pending.recorded = true;
    const { spec } = pending;
    const user = (spec.signsIn && outcome === 'success' ? signedInUserIn(result) : undefined) ?? request.user;
    if (!user) return;
    await this.audit.append(this.entryOf(request, user, spec, outcome, status, result));
  }

  private entryOf(request: AuditedRequest, user: SignedInUser, spec: AuditSpec, outcome: Outcome, status: number, result: unknown): AuditEntry {
    const call: AuditedCall = { params: request.params ?? {}, query: request.query ?? {}, body: request.body, result, actorId: user.id };
    return {
      ...actorOf(user),
      action: spec.action,
      targetType: spec.target,
      targetId: this.targetIdOf(spec, call),
      outcome,
      status,
      ...originOf(request),
      details: this.detailsOf(spec, call),
    };
  }

  private targetIdOf(spec: AuditSpec, call: AuditedCall): string | null {
    const id = this.safely(spec, () => (spec.targetId ? spec.targetId(call) : (call.params['id'] ?? (call.result as { id?: unknown } | undefined)?.id)));
    const value = scalar(id);
    return value === undefined ? null : String(value);
  }

  private detailsOf(spec: AuditSpec, call: AuditedCall): Record<string, unknown> {
    return (spec.details && this.safely(spec, () => spec.details!(call))) || {};
  }

  /** detail extractors read raw (possibly hostile) input: a throw costs the detail, never the row */
  private safely<T>(spec: AuditSpec, read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      this.log.warn(`Audit details of ${spec.action} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}

/** 403 is a refusal worth knowing; 5xx may have half-happened; other answers were recorded already or change nothing */
function outcomeOf(status: number): Outcome | null {
  if (status < 400) return 'success';
  if (status === 403) return 'refused';
  if (status >= 500) return 'failed';
  return null;
}

function signedInUserIn(result: unknown): SignedInUser | undefined {
  const candidate = result as Partial<SignedInUser> | undefined;
  return candidate && typeof candidate.id === 'string' && (candidate.kind === 'user' || candidate.kind === 'api-key') ? (candidate as SignedInUser) : undefined;
}
