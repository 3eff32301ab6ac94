import type { HostObject } from './host-object.js';

/**
 * Named host objects an embedding application offers to every expression (the CRM's `crm`, so a
 * timer can say `${crm.sla.dueIn(4, 'Service')}`). A process variable of the same name hides one.
 * `now` is the engine clock's time of the evaluation.
 */
export interface ExpressionGlobals {
  resolve(name: string, now: () => Date): HostObject | undefined;
}

export type ExpressionGlobalFactory = (now: () => Date) => HostObject;

/** a name → factory table; the application registers its globals before the engine runs */
export class ExpressionGlobalTable implements ExpressionGlobals {
  private readonly factories = new Map<string, ExpressionGlobalFactory>();

  register(name: string, factory: ExpressionGlobalFactory): void {
    if (name === 'execution' || this.factories.has(name)) throw new Error(`Expected one expression global named '${name}', but it is taken`);
    this.factories.set(name, factory);
  }

  resolve(name: string, now: () => Date): HostObject | undefined {
    return this.factories.get(name)?.(now);
  }

  names(): string[] {
    return [...this.factories.keys()].sort();
  }
}
