import { Inject, Injectable } from '@nestjs/common';
import type { SignedInUser } from '../auth/signed-in-user.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { CrmForbiddenError, CrmInvalidRequestError } from '../shared/crm-errors.js';
import type { Team } from '../users/team.entity.js';
import { teams } from '../users/users.service.js';
import type { TeamCalendarBody } from './calendar-schemas.js';
import { calendarTooShort } from './sla-clock.js';
import { SlaExpressions } from './sla-expressions.js';
import { readTeamCalendar, writeTeamCalendar, type TeamCalendar } from './team-calendars.js';

/** Teams' working calendars: read by every CRM role, changed by admins and by a head for their own team. */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly db: CrmDatabase,
    private readonly expressions: SlaExpressions,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {}

  async get(teamId: string): Promise<TeamCalendar> {
    const manager = this.db.dataSource.manager;
    await teams.get(manager, teamId);
    return readTeamCalendar(manager, teamId, this.options.calendarTimeZone);
  }

  async put(caller: SignedInUser, teamId: string, calendar: TeamCalendarBody): Promise<TeamCalendar> {
    const saved = await this.db.transaction(caller.id, async (tx) => {
      const team = await teams.get(tx.manager, teamId);
      this.assertMayChange(caller, team);
      const tooShort = calendarTooShort(calendar, this.options, new Date());
      if (tooShort) throw new CrmInvalidRequestError(`Invalid request body: 'hours' and 'holidays' ${tooShort}`);
      await writeTeamCalendar(tx.manager, teamId, calendar);
      return readTeamCalendar(tx.manager, teamId, this.options.calendarTimeZone);
    });
    await this.expressions.reload();
    return saved;
  }

  private assertMayChange(caller: SignedInUser, team: Team): void {
    if (caller.permissions.includes('crm.users')) return;
    const headOfTeam = caller.roles.includes('head') && (team.headId === caller.id || caller.team?.id === team.id);
    if (!headOfTeam) throw new CrmForbiddenError(`${caller.name} (${caller.role}) may not change the working calendar of team '${team.name}': admins may, and the team's head`, 'AUTH_ROLE_REFUSED');
  }
}
