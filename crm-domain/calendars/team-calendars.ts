import type { EntityManager } from 'typeorm';
import { officeHours, type WorkingCalendar, type WorkingInterval } from './working-time.js';

/** a team's working calendar as the API shows it; `isDefault`: the team has none of its own */
export interface TeamCalendar extends WorkingCalendar {
  readonly teamId: string;
  readonly isDefault: boolean;
  readonly updatedAt: Date | null;
}

interface CalendarRow {
  team_id: string;
  time_zone: string;
  hours: WorkingInterval[] | string;
  holidays: string[] | string;
  updated_at: Date;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function fromRow(row: CalendarRow): TeamCalendar {
  return { teamId: row.team_id, timeZone: row.time_zone, hours: json(row.hours), holidays: json(row.holidays), isDefault: false, updatedAt: row.updated_at };
}

/** the team's calendar, or the default one (Mon–Fri 9–18 in `defaultZone`) */
export async function readTeamCalendar(manager: EntityManager, teamId: string, defaultZone: string): Promise<TeamCalendar> {
  const [row] = (await manager.query(`SELECT * FROM crm.team_calendars WHERE team_id = $1`, [teamId])) as CalendarRow[];
  return row ? fromRow(row) : { teamId, ...officeHours(defaultZone), isDefault: true, updatedAt: null };
}

export async function writeTeamCalendar(manager: EntityManager, teamId: string, calendar: WorkingCalendar): Promise<void> {
  await manager.query(
    `INSERT INTO crm.team_calendars (team_id, time_zone, hours, holidays, updated_at) VALUES ($1, $2, $3::jsonb, $4::jsonb, now())
     ON CONFLICT (team_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, hours = EXCLUDED.hours, holidays = EXCLUDED.holidays, updated_at = now()`,
    [teamId, calendar.timeZone, JSON.stringify(calendar.hours), JSON.stringify(calendar.holidays)],
  );
}

/** every team's calendar (its own or the default) by team name in lower case, for the expression function `crm.sla.dueIn` */
export async function readCalendarsByTeamName(manager: EntityManager, defaultZone: string): Promise<Map<string, WorkingCalendar>> {
  const rows = (await manager.query(
    `SELECT t.id AS team_id, t.name, c.time_zone, c.hours, c.holidays, c.updated_at FROM crm.teams t LEFT JOIN crm.team_calendars c ON c.team_id = t.id`,
  )) as (CalendarRow & { name: string; time_zone: string | null })[];
  return new Map(rows.map((row) => [row.name.toLowerCase(), row.time_zone === null ? officeHours(defaultZone) : fromRow(row)]));
}

/**
 * The calendar a complaint's SLA runs on: its assignee's team's; without an assignee in a team,
 * the first service team's (by name); without one, the default.
 */
export async function calendarForAssignee(manager: EntityManager, assigneeId: string | null, defaultZone: string): Promise<WorkingCalendar> {
  const [row] = (await manager.query(
    `SELECT t.id AS team_id, c.time_zone, c.hours, c.holidays, c.updated_at
     FROM crm.teams t LEFT JOIN crm.team_calendars c ON c.team_id = t.id
     WHERE t.id = (SELECT team_id FROM crm.users WHERE id = $1) OR t.kind = 'service'
     ORDER BY (t.id = (SELECT team_id FROM crm.users WHERE id = $1)) DESC NULLS LAST, t.name
     LIMIT 1`,
    [assigneeId],
  )) as (CalendarRow & { time_zone: string | null })[];
  return row && row.time_zone !== null ? fromRow(row) : officeHours(defaultZone);
}
