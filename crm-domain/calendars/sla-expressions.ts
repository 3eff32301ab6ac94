import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ExpressionEvaluationError } from '../../engine/core/expressions/errors.js';
import { HOST_OBJECT, methodNotAllowed, type HostObject } from '../../engine/core/expressions/host-object.js';
import { ExpressionGlobalRegistry } from '../../engine/nest/expression-global-registry.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { readCalendarsByTeamName } from './team-calendars.js';
import { addWorkingTime, HOUR, MINUTE, officeHours, type WorkingCalendar } from './working-time.js';

/** how often the calendars expressions read are reloaded (another node may have changed one) */
const RELOAD_MS = 60_000;

/** `crm.sla.dueIn(hours, 'Team')` / `dueInMinutes(minutes, 'Team')`: the ISO date-time that much working time from now on the team's calendar */
export class SlaExpressionFunctions implements HostObject {
  readonly [HOST_OBJECT] = true as const;

  constructor(private readonly calendarOf: (teamName: string | null) => WorkingCalendar, private readonly now: () => Date) {}

  getProperty(name: string): unknown {
    throw new ExpressionEvaluationError(`Expected a method of crm.sla (dueIn, dueInMinutes), but found the property '${name}'`);
  }

  callMethod(name: string, args: unknown[]): unknown {
    const unit = name === 'dueIn' ? HOUR : name === 'dueInMinutes' ? MINUTE : null;
    if (unit === null) throw methodNotAllowed(name, 'crm.sla');
    if (args.length < 1 || args.length > 2) throw new ExpressionEvaluationError(`Expected 1 or 2 arguments for crm.sla.${name} (amount, team name), but found ${args.length}`);
    const [amount, team] = args;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
      throw new ExpressionEvaluationError(`Expected a positive number as the first argument of crm.sla.${name}, but found '${String(amount)}'`);
    }
    if (team !== undefined && team !== null && typeof team !== 'string') throw new ExpressionEvaluationError(`Expected a team name as the second argument of crm.sla.${name}, but found '${String(team)}'`);
    return addWorkingTime(this.calendarOf(team ?? null), this.now(), amount * unit).toISOString();
  }
}

/** the `crm` host object: `crm.sla` */
class CrmExpressionObject implements HostObject {
  readonly [HOST_OBJECT] = true as const;

  constructor(private readonly sla: SlaExpressionFunctions) {}

  getProperty(name: string): unknown {
    if (name === 'sla') return this.sla;
    throw new ExpressionEvaluationError(`Expected a property of crm ('sla'), but found '${name}'`);
  }

  callMethod(name: string): unknown {
    throw methodNotAllowed(name, 'crm');
  }
}

/**
 * Offers `crm` to every expression of every model (engine's ExpressionGlobalRegistry). Expressions
 * are evaluated synchronously, so the teams' calendars are kept in memory: loaded at start, after a
 * change through the API, and every minute.
 */
@Injectable()
export class SlaExpressions implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('SlaExpressions');
  private calendars = new Map<string, WorkingCalendar>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: CrmDatabase,
    private readonly registry: ExpressionGlobalRegistry,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register('crm', (now) => new CrmExpressionObject(new SlaExpressionFunctions((team) => this.calendarOf(team), now)));
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch((error: unknown) => this.log.warn(`Could not reload the working calendars: ${String(error)}`)), RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async reload(): Promise<void> {
    this.calendars = await readCalendarsByTeamName(this.db.dataSource.manager, this.options.calendarTimeZone);
  }

  private calendarOf(teamName: string | null): WorkingCalendar {
    if (teamName === null) return officeHours(this.options.calendarTimeZone);
    const calendar = this.calendars.get(teamName.toLowerCase());
    if (!calendar) throw new ExpressionEvaluationError(`Expected the name of a CRM team for crm.sla, but there is no team '${teamName}'`);
    return calendar;
  }
}
