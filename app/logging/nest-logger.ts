import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's own start-up chatter (the module list, the route table, "starting" and "started") is for
 * debugging: at the default level the console opens with what a person needs (app/startup-summary.ts).
 */
const FRAMEWORK_CHATTER = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** a stack trace as Nest's exception handlers pass it: error(message, stack, context) */
const STACK = /\n\s*at /;

/**
 * Nest's logger interface over pino: `log` is info, `verbose` is trace; the last string argument is
 * the context (Nest passes the Logger's name there); objects among the other arguments become fields
 * of the line (a request's `reqId`, for instance).
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const last = rest.at(-1);
    const context = rest.length > 0 && typeof last === 'string' ? last : undefined;
    const extras = context === undefined ? rest : rest.slice(0, -1);
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    for (const extra of extras) {
      if (extra instanceof Error) fields['err'] = extra;
      else if (typeof extra === 'string' && STACK.test(extra)) fields['stack'] = extra;
      else if (extra !== null && typeof extra === 'object') Object.assign(fields, extra);
    }
    const logger = this.root;
    const effective = level === 'info' && context !== undefined && FRAMEWORK_CHATTER.has(context) ? 'debug' : level;
    if (message instanceof Error) logger[effective]({ ...fields, err: message }, message.message);
    else if (message !== null && typeof message === 'object') logger[effective]({ ...fields, ...message });
    else logger[effective](fields, String(message));
  }
}
