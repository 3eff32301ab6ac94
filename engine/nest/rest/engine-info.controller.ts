import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, SignedIn } from '../access/index.js';

/** What a person or a client finds at the base URL: where to go next and how to authenticate (nothing that needs a secret). */
export const ENGINE_REST_INDEX = {
  name: 'CRM BPMN engine: Camunda 7 REST API (a subset)',
  engines: '/engine-rest/engine',
  version: '/engine-rest/version',
  docs: '/docs',
  authentication: 'HTTP Basic with a user\'s email and password, or an API key as the password (any user name); or Authorization: Bearer <API key>',
} as const;

/** What Camunda clients ask first: which engines there are and which version answers. */
@ApiTags('Engine')
@SignedIn()
@Controller('engine-rest')
export class EngineInfoController {
  /** Camunda 7 answers its bare base path with 404; opening the base URL the README names finds this instead */
  @Public()
  @Get()
  index() {
    return ENGINE_REST_INDEX;
  }

  @Get('engine')
  engines() {
    return [{ name: 'default' }];
  }

  @Get('version')
  version() {
    return { version: '7.22.0' };
  }
}
