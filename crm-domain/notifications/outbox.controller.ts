import { Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { readPage, pagingShape, q } from '../shared/list-query.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { parseInput } from '../shared/validation.js';
import { OUTBOX_STATUSES, OutboxMessage } from './outbox-message.entity.js';
import { CrmRequires } from '../auth/permissions.js';

const outboxQuery = z.strictObject({ ...pagingShape, status: q.oneOf(OUTBOX_STATUSES), recordId: q.id(), recipient: q.text() });

/** The notification outbox (read only): what the processes sent or would send. */
@CrmRequires('crm.outbox')
@CrmController('outbox', 'CRM notifications')
export class OutboxController {
  constructor(private readonly db: CrmDatabase) {}

  @Get()
  list(@Query() query: unknown) {
    const filter = parseInput(outboxQuery, query, 'query');
    const qb = this.db.dataSource.getRepository(OutboxMessage).createQueryBuilder('o');
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.recordId) qb.andWhere('o.record_id = :recordId', { recordId: filter.recordId });
    if (filter.recipient) qb.andWhere('lower(o.recipient) = :recipient', { recipient: filter.recipient.toLowerCase() });
    return readPage(qb, filter, { sortable: { createdAt: 'createdAt' }, defaultSort: '-createdAt' });
  }
}
