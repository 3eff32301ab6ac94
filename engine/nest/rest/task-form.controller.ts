import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Engine } from '../../core/engine.js';
import { NotFoundError } from '../../core/errors/index.js';
import type { EngineQueries } from '../../core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { sendDeployedForm } from './deployed-form-response.js';
import { OnTask, SignedIn } from '../access/index.js';

/** A task's form: its key or Camunda Form reference, and the deployed form itself. */
@ApiTags('Task')
@SignedIn()
@Controller('engine-rest/task')
export class TaskFormController {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
  ) {}

  @OnTask('read')
  @Get(':id/form')
  async form(@Param('id') id: string) {
    const [task] = await this.queries.tasks({ filter: { taskId: id } });
    if (!task) throw new NotFoundError(`No matching task with id ${id}`);
    return { key: task.formKey, contextPath: null, camundaFormRef: task.formRef };
  }

  @OnTask('read')
  @Get(':id/deployed-form')
  async deployedForm(@Param('id') id: string, @Res() res: Response) {
    sendDeployedForm(res, await this.engine.forms.ofTask(id));
  }
}
