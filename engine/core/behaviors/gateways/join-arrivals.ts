import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { ownEntry } from '../../shared/own-entry.js';

/**
 * Arrivals at a joining gateway are counted on its scope per incoming flow, so two tokens on the
 * same flow count twice and a later round of a loop waits for its own tokens.
 */
export function recordArrival(ctx: ElementRuntime, scope: ElementInstanceRecord, gatewayId: string, flowId: string): ElementInstanceRecord {
  // the caller's scope record may predate an arrival recorded by the same takeFlows
  const current = ctx.requireElement(scope.id);
  const all = current.data.joinArrivals ?? {};
  const forGateway = ownEntry(all, gatewayId) ?? {};
  return ctx.updateData(current, {
    joinArrivals: { ...all, [gatewayId]: { ...forGateway, [flowId]: (ownEntry(forGateway, flowId) ?? 0) + 1 } },
  });
}

export function arrivalsAt(scope: ElementInstanceRecord, gatewayId: string): Readonly<Record<string, number>> {
  return ownEntry(scope.data.joinArrivals ?? {}, gatewayId) ?? {};
}

/** takes one arrival from each given flow */
export function consumeArrivals(ctx: ElementRuntime, scope: ElementInstanceRecord, gatewayId: string, flowIds: readonly string[]): void {
  const current = ctx.requireElement(scope.id);
  const all = current.data.joinArrivals ?? {};
  const forGateway = { ...(ownEntry(all, gatewayId) ?? {}) };
  for (const flowId of flowIds) {
    const left = (ownEntry(forGateway, flowId) ?? 0) - 1;
    if (left > 0) forGateway[flowId] = left;
    else delete forGateway[flowId];
  }
  const next = { ...all };
  if (Object.keys(forGateway).length === 0) delete next[gatewayId];
  else next[gatewayId] = forGateway;
  ctx.updateData(current, { joinArrivals: next });
}

/** tokens waiting at the scope's joins are cancelled with the rest of the scope's tokens; complex joins forget their reset */
export function discardArrivals(ctx: ElementRuntime, scope: ElementInstanceRecord): void {
  const current = ctx.element(scope.id);
  if (!current) return;
  const hasArrivals = Object.keys(current.data.joinArrivals ?? {}).length > 0;
  const hasResets = Object.keys(current.data.complexResets ?? {}).length > 0;
  if (hasArrivals || hasResets) ctx.updateData(current, { ...(hasArrivals ? { joinArrivals: {} } : {}), ...(hasResets ? { complexResets: {} } : {}) });
}
