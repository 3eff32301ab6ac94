import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { HandlerRegistry } from '../../engine/nest/handler-registry.js';
import { IdempotentHandlerRunner } from './idempotent-handler-runner.js';
import { TaskHandler, type CrmTaskHandler } from './task-handler.decorator.js';

/** Finds every @TaskHandler provider and registers it with the engine before jobs run. */
@Injectable()
export class TaskHandlerRegistrar implements OnModuleInit {
  private readonly log = new Logger('CrmHandlers');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: HandlerRegistry,
    private readonly runner: IdempotentHandlerRunner,
  ) {}

  onModuleInit(): void {
    const topics: string[] = [];
    for (const wrapper of this.discovery.getProviders({ metadataKey: TaskHandler.KEY })) {
      const topic = this.discovery.getMetadataByDecorator(TaskHandler, wrapper);
      const handler = wrapper.instance as CrmTaskHandler | undefined;
      if (!topic || !handler || typeof handler.handle !== 'function') continue;
      this.registry.register(topic, (input) => this.runner.run(topic, handler, input));
      topics.push(topic);
    }
    this.log.log(`Service-task handlers: ${topics.sort().join(', ')}`);
  }
}
