import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Engine } from '../../core/engine.js';
import type { DefinitionRef } from '../../core/ports/engine-store.js';
import { sendDeployedForm } from './deployed-form-response.js';
import { SignedIn } from '../access/index.js';

/** A process definition's start form: its key or Camunda Form reference, and the deployed form itself. */
@ApiTags('Process Definition')
@SignedIn()
@Controller('engine-rest/process-definition')
export class StartFormController {
  constructor(private readonly engine: Engine) {}

  @Get('key/:key/startForm')
  startFormByKey(@Param('key') key: string) {
    return this.startForm({ by: 'latest', key, tenantId: null });
  }

  @Get('key/:key/deployed-start-form')
  async deployedStartFormByKey(@Param('key') key: string, @Res() res: Response) {
    sendDeployedForm(res, await this.engine.forms.ofStartEvent({ by: 'latest', key, tenantId: null }));
  }

  @Get(':id/startForm')
  startFormById(@Param('id') id: string) {
    return this.startForm({ by: 'id', id });
  }

  @Get(':id/deployed-start-form')
  async deployedStartFormById(@Param('id') id: string, @Res() res: Response) {
    sendDeployedForm(res, await this.engine.forms.ofStartEvent({ by: 'id', id }));
  }

  private async startForm(ref: DefinitionRef) {
    const { reference } = await this.engine.forms.startForm(ref);
    return { key: reference.formKey, contextPath: null, camundaFormRef: reference.formRef };
  }
}
