import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTags } from '@nestjs/swagger';
import type { AdHocTarget } from '../../core/commands/ad-hoc-commands.js';
import { Engine } from '../../core/engine.js';
import { NotFoundError } from '../../core/errors/index.js';
import type { EngineQueries, Viewer } from '../../core/ports/engine-queries.js';
import { Audited, auditedCommand, EngineRequires, fieldsOf, SignedIn } from '../access/index.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { InstanceViewer } from './authenticated-user.js';

/**
 * Ad-hoc sub-processes, an extension of Camunda 7's REST API (which has none): what a case
 * worker may start in one, starting it, and completing one that has no completion condition.
 * `:adHocId` is the ad-hoc sub-process's activity instance id, or its element id when it runs once.
 * Reading takes seeing the instance; starting and completing take working on tasks too. An
 * instance the caller does not see is not found, as a missing one.
 */
@ApiTags('Process Instance')
@SignedIn()
@Controller('engine-rest/process-instance/:id/adhoc/:adHocId')
export class AdHocSubProcessController {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
  ) {}

  @Get('enabled-activities')
  async enabledActivities(@Param('id') id: string, @Param('adHocId') adHocId: string, @InstanceViewer() viewer?: Viewer) {
    await this.requireVisibleInstance(id, viewer);
    return (await this.engine.describeAdHocSubProcess(target(id, adHocId))).enabledActivities;
  }

  @EngineRequires('engine.task')
  @Audited('process-instance.adhoc.start', { target: 'process-instance', details: fieldsOf('params', 'adHocId', 'activityId') })
  @Post('enabled-activities/:activityId/start')
  @HttpCode(200)
  async start(@Param('id') id: string, @Param('adHocId') adHocId: string, @Param('activityId') activityId: string, @Req() req: Request, @InstanceViewer() viewer?: Viewer) {
    await this.requireVisibleInstance(id, viewer);
    return this.engine.startAdHocActivity(target(id, adHocId), activityId, auditedCommand(req, 200));
  }

  @EngineRequires('engine.task')
  @Audited('process-instance.adhoc.complete', { target: 'process-instance', details: fieldsOf('params', 'adHocId') })
  @Post('complete')
  @HttpCode(204)
  async complete(@Param('id') id: string, @Param('adHocId') adHocId: string, @Req() req: Request, @InstanceViewer() viewer?: Viewer) {
    await this.requireVisibleInstance(id, viewer);
    await this.engine.completeAdHocSubProcess(target(id, adHocId), auditedCommand(req));
  }

  /** the instance exists and the viewer may see it, else 404 (the same answer either way) */
  private async requireVisibleInstance(id: string, viewer: Viewer | undefined): Promise<void> {
    const count = await this.queries.countInstances({ processInstanceId: id, visibleTo: viewer });
    if (count === 0) throw new NotFoundError(`Process instance with id ${id} does not exist`);
  }
}

function target(processInstanceId: string, adHoc: string): AdHocTarget {
  return { processInstanceId, adHoc };
}
