import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Engine } from '../../core/engine.js';
import { toDtoMap } from '../../core/variables/index.js';
import { instanceDto } from './camunda-dtos.js';
import { parseBody, restBase, variableMap, variablesOf } from './request-body.js';
import { EngineRequires } from '../access/index.js';

const variables = variableMap().nullish();
const correlateBody = z.object({
  messageName: z.string({ message: 'is required' }).min(1, { message: 'is required' }),
  businessKey: z.string().nullish(),
  tenantId: z.string().nullish(),
  withoutTenantId: z.boolean().nullish(),
  processInstanceId: z.string().nullish(),
  correlationKeys: variables,
  localCorrelationKeys: variables,
  processVariables: variables,
  processVariablesLocal: variables,
  all: z.boolean().nullish(),
  resultEnabled: z.boolean().nullish(),
  variablesInResultEnabled: z.boolean().nullish(),
  startMessagesOnly: z.boolean().nullish(),
});
const signalBody = z.object({
  name: z.string({ message: 'is required' }).min(1, { message: 'is required' }),
  executionId: z.string().nullish(),
  variables,
  tenantId: z.string().nullish(),
  withoutTenantId: z.boolean().nullish(),
});

@ApiTags('Message')
@EngineRequires('engine.correlate')
@Controller('engine-rest/message')
export class MessageController {
  constructor(private readonly engine: Engine) {}

  @Post()
  async correlate(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const request = parseBody(correlateBody, body);
    const results = await this.engine.correlateMessage({
      messageName: request.messageName,
      ...(request.businessKey ? { businessKey: request.businessKey } : {}),
      ...(request.processInstanceId ? { processInstanceId: request.processInstanceId } : {}),
      ...(request.correlationKeys ? { correlationKeys: variablesOf(request.correlationKeys, 'correlationKeys') } : {}),
      ...(request.localCorrelationKeys ? { localCorrelationKeys: variablesOf(request.localCorrelationKeys, 'localCorrelationKeys') } : {}),
      processVariables: variablesOf(request.processVariables, 'processVariables'),
      processVariablesLocal: variablesOf(request.processVariablesLocal, 'processVariablesLocal'),
      all: request.all === true,
      startOnly: request.startMessagesOnly === true,
      tenantId: request.tenantId ?? null,
    });
    if (!request.resultEnabled) {
      res.status(204);
      return undefined;
    }
    res.status(200);
    return results.map((r) => ({
      resultType: r.resultType,
      execution: r.resultType === 'Execution' ? { id: r.executionId, processInstanceId: r.instance.id, ended: r.ended, tenantId: r.instance.tenantId } : null,
      processInstance: r.resultType === 'ProcessDefinition' ? instanceDto(r.instance, restBase(req), r.ended) : null,
      ...(request.variablesInResultEnabled ? { variables: toDtoMap(r.variables) } : {}),
    }));
  }
}

@ApiTags('Signal')
@EngineRequires('engine.correlate')
@Controller('engine-rest/signal')
export class SignalController {
  constructor(private readonly engine: Engine) {}

  @Post()
  async throw(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const request = parseBody(signalBody, body);
    await this.engine.signal(request.name, variablesOf(request.variables), request.tenantId ?? null);
    res.status(204);
  }
}
