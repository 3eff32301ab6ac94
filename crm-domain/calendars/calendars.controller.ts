import { Body, createParamDecorator, Get, Param, Put, type ExecutionContext } from '@nestjs/common';
import { Audited } from '../../engine/nest/access/index.js';
import { CrmRequires } from '../auth/permissions.js';
import type { SignedInUser } from '../auth/signed-in-user.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { teamCalendarBody } from './calendar-schemas.js';
import { CalendarsService } from './calendars.service.js';

/** the signed-in caller (the route guard has checked there is one) */
const Caller = createParamDecorator((_: unknown, context: ExecutionContext): SignedInUser => context.switchToHttp().getRequest<{ user: SignedInUser }>().user);

@CrmRequires('crm.records.read')
@CrmController('teams', 'CRM users and teams')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  /** the team's working calendar, or the default one (`isDefault`) */
  @Get(':id/calendar')
  get(@Param('id', RecordIdPipe) id: string) {
    return this.calendars.get(id);
  }

  /** admins, and the head of the team */
  @CrmRequires('crm.records.write')
  @Audited('team.calendar', { target: 'team' })
  @Put(':id/calendar')
  put(@Caller() caller: SignedInUser, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    return this.calendars.put(caller, id, parseInput(teamCalendarBody, body));
  }
}
