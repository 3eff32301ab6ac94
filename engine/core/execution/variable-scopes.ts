import type { ExpressionContext } from '../expressions/index.js';
import { inferTypedValue, toJsValue, typedValuesEqual, type TypedValue } from '../variables/index.js';
import type { InstanceAggregate } from './instance-aggregate.js';
import type { VariableRecord } from './records.js';

export interface VariableChangeListener {
  variableWritten(record: VariableRecord, change: 'create' | 'update' | 'delete'): void;
}

/**
 * Variables live in scopes: element instances (and the process instance as the root scope).
 * Reads walk up the scope chain; writes go to the nearest scope that already has the variable,
 * else to the process instance, as Camunda's setVariable does.
 */
export class VariableScopes {
  constructor(
    private readonly aggregate: InstanceAggregate,
    private readonly newId: () => string,
    private readonly now: () => Date,
    private readonly listener: VariableChangeListener,
  ) {}

  /** the scope chain from an element instance up to the process instance */
  chain(scopeId: string): string[] {
    const chain: string[] = [];
    let current: string | null = scopeId;
    while (current) {
      chain.push(current);
      current = this.aggregate.elements.get(current)?.parentId ?? null;
    }
    return chain;
  }

  find(scopeId: string, name: string): VariableRecord | undefined {
    for (const id of this.chain(scopeId)) {
      const found = this.local(id, name);
      if (found) return found;
    }
    return undefined;
  }

  local(scopeId: string, name: string): VariableRecord | undefined {
    return this.aggregate.variables.find((v) => v.scopeId === scopeId && v.name === name);
  }

  localAll(scopeId: string): VariableRecord[] {
    return this.aggregate.variables.filter((v) => v.scopeId === scopeId);
  }

  /** all variables visible from the scope, nearest scope winning */
  visible(scopeId: string): Map<string, TypedValue> {
    const out = new Map<string, TypedValue>();
    for (const id of this.chain(scopeId)) {
      for (const v of this.localAll(id)) if (!out.has(v.name)) out.set(v.name, v.value);
    }
    return out;
  }

  set(scopeId: string, name: string, value: TypedValue): void {
    const existing = this.find(scopeId, name);
    if (existing) {
      this.write(existing.scopeId, name, value);
      return;
    }
    this.write(this.aggregate.id, name, value);
  }

  setAll(scopeId: string, variables: ReadonlyMap<string, TypedValue>): void {
    for (const [name, value] of variables) this.set(scopeId, name, value);
  }

  setLocal(scopeId: string, name: string, value: TypedValue): void {
    this.write(scopeId, name, value);
  }

  setLocalAll(scopeId: string, variables: ReadonlyMap<string, TypedValue>): void {
    for (const [name, value] of variables) this.setLocal(scopeId, name, value);
  }

  /** sets a plain JS value, typing it as Camunda would */
  setJs(scopeId: string, name: string, value: unknown, local = false): void {
    const typed = inferTypedValue(value, name);
    if (local) this.setLocal(scopeId, name, typed);
    else this.set(scopeId, name, typed);
  }

  remove(scopeId: string, name: string): void {
    const existing = this.local(scopeId, name);
    if (!existing) return;
    this.aggregate.variables.delete(existing.id);
    this.listener.variableWritten(existing, 'delete');
  }

  /** drops a scope's local variables when the scope ends (history keeps them) */
  dropScope(scopeId: string): void {
    for (const v of this.localAll(scopeId)) {
      this.aggregate.variables.delete(v.id);
    }
  }

  expressionContext(scopeId: string, extra?: (name: string) => { found: true; value: unknown } | undefined): ExpressionContext {
    return {
      // a variable hides a name `extra` offers (execution, the application's globals)
      resolve: (name) => {
        const variable = this.find(scopeId, name);
        if (variable) return { found: true, value: toJsValue(variable.value) };
        return extra?.(name) ?? { found: false };
      },
      now: this.now,
    };
  }

  private write(scopeId: string, name: string, value: TypedValue): void {
    const existing = this.local(scopeId, name);
    if (existing) {
      if (typedValuesEqual(existing.value, value)) return;
      const updated = this.aggregate.variables.update(existing.id, { value });
      this.listener.variableWritten(updated, 'update');
      return;
    }
    const record: VariableRecord = {
      id: this.newId(),
      processInstanceId: this.aggregate.id,
      scopeId,
      name,
      value,
      createTime: this.now(),
    };
    this.aggregate.variables.insert(record);
    this.listener.variableWritten(record, 'create');
  }
}
