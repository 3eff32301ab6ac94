import { Body, Delete, Get, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { Audited } from '../../engine/nest/access/index.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { apiKeyDetails } from '../audit/audit-details.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { ApiKeysStore } from './api-keys.store.js';
import { createApiKeyBody } from './credential-schemas.js';
import { Identities } from './identities.js';
import { CrmRequires } from './permissions.js';
import type { RequestWithUser } from './route-access.guard.js';
import { coded } from '../../engine/nest/http/coded-exception.js';

/**
 * API keys for external task workers and integrations, scoped to roles (`worker` fetches and
 * completes external tasks, sends messages and signals, starts processes) and, optionally, to
 * external-task topics (`topics`: the only ones it fetches, sees and works on). The key itself is in
 * the answer to its creation only; afterwards only its hash is kept.
 */
@CrmRequires('crm.users')
@CrmController('api-keys', 'Sign-in')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysStore,
    private readonly identities: Identities,
  ) {}

  @Get()
  list() {
    return this.keys.list();
  }

  @Audited('api-key.create', { target: 'api-key', details: apiKeyDetails })
  @Post()
  async create(@Body() body: unknown, @Req() request: RequestWithUser) {
    const input = parseInput(createApiKeyBody, body);
    const creator = request.user?.kind === 'user' ? request.user.id : null;
    const { key, token } = await this.keys.create({
      name: input.name,
      roles: [...new Set(input.roles)],
      actForUsers: input.actForUsers ?? false,
      topics: input.topics ? [...new Set(input.topics)] : null,
      expiresAt: input.expiresAt ?? null,
      createdBy: creator,
    });
    return { ...key, key: token };
  }

  @Audited('api-key.revoke', { target: 'api-key', details: apiKeyDetails })
  @Delete(':id')
  async revoke(@Param('id', RecordIdPipe) id: string) {
    const key = await this.keys.revoke(id);
    if (!key) throw new NotFoundException(coded(`There is no API key '${id}'`, 'AUTH_NOT_FOUND'));
    this.identities.forgetApiKey(id);
    return key;
  }
}
