declare module 'bpmn-engine' {
  import type { EventEmitter } from 'node:events';
  export class Engine extends EventEmitter {
    constructor(options: { name?: string; source?: string; moddleOptions?: unknown; extensions?: unknown });
    execute(options?: { listener?: EventEmitter; variables?: Record<string, unknown> }): Promise<unknown>;
  }
}
