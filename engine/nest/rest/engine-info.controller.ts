import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../access/index.js';

/** What Camunda clients ask first: which engines there are and which version answers. */
@ApiTags('Engine')
@SignedIn()
@Controller('engine-rest')
export class EngineInfoController {
  @Get('engine')
  engines() {
    return [{ name: 'default' }];
  }

  @Get('version')
  version() {
    return { version: '7.22.0' };
  }
}
