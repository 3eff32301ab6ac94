import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { Engine } from '../../core/engine.js';
import { InvalidRequestError } from '../../core/errors/index.js';
import { EngineRequires } from '../access/index.js';
import { AuthenticatedUserId } from './authenticated-user.js';
import { instanceDto } from './camunda-dtos.js';
import { parseBody, restBase, variableMap, variablesOf } from './request-body.js';

const conditionBody = z.object({
  variables: variableMap().nullish(),
  businessKey: z.string().nullish(),
  processDefinitionId: z.string().min(1, { message: 'must not be empty' }).nullish(),
  tenantId: z.string().nullish(),
  withoutTenantId: z.boolean().nullish(),
});

/**
 * Camunda 7's condition evaluation: starts a process instance through every conditional start
 * event whose condition holds for the given variables. Like messages and signals, it is an event
 * from outside that may start several processes at once: `engine.correlate`.
 */
@ApiTags('Condition')
@EngineRequires('engine.correlate')
@Controller('engine-rest/condition')
export class ConditionController {
  constructor(private readonly engine: Engine) {}

  @Post()
  @HttpCode(200)
  async evaluate(@Body() body: unknown, @Req() req: Request, @AuthenticatedUserId() userId: string | null) {
    const request = parseBody(conditionBody, body);
    if (request.tenantId && request.withoutTenantId) throw new InvalidRequestError("Invalid request body: 'tenantId' and 'withoutTenantId' exclude each other");
    const started = await this.engine.evaluateStartConditions({
      variables: variablesOf(request.variables),
      businessKey: request.businessKey ?? null,
      ...(request.processDefinitionId ? { processDefinitionId: request.processDefinitionId } : {}),
      ...(request.tenantId ? { tenantId: request.tenantId } : {}),
      ...(request.withoutTenantId ? { withoutTenantId: true } : {}),
      startUserId: userId,
    });
    return started.map(({ instance, ended }) => instanceDto(instance, restBase(req), ended));
  }
}
