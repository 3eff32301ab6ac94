import { Injectable } from '@nestjs/common';
import type { ServiceTaskHandler, ServiceTaskHandlerRegistry } from '../core/ports/service-task-handler.js';

/** In-process service task handlers by topic; the CRM registers its handlers here at start. */
@Injectable()
export class HandlerRegistry implements ServiceTaskHandlerRegistry {
  private readonly handlers = new Map<string, ServiceTaskHandler>();

  register(topic: string, handler: ServiceTaskHandler): void {
    if (this.handlers.has(topic)) throw new Error(`Expected one handler per topic, but '${topic}' is registered twice`);
    this.handlers.set(topic, handler);
  }

  handlerFor(topic: string): ServiceTaskHandler | undefined {
    return this.handlers.get(topic);
  }

  topics(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
