import { pino } from 'pino';
import { logLines } from '../../test/support/log-lines.js';
import { NestPinoLogger } from './nest-logger.js';

interface Line {
  level: number;
  msg?: string;
  context?: string;
  err?: { message: string; stack: string };
  stack?: string;
  [key: string]: unknown;
}

function logger(level = 'trace') {
  const { stream, lines } = logLines();
  const root = pino({ level }, stream);
  return { nest: new NestPinoLogger(root), lines: () => lines.map((line) => JSON.parse(line) as Line), root };
}

describe('NestPinoLogger', () => {
  it('writes Nest levels as pino levels, the last string argument as the context', () => {
    const { nest, lines } = logger();
    nest.log('listening', 'Startup');
    nest.warn('slow', 'Engine');
    nest.debug('detail', 'Engine');
    nest.verbose('noise', 'Engine');
    nest.fatal('gone', 'Engine');
    expect(lines().map(({ level, msg, context }) => ({ level, msg, context }))).toEqual([
      { level: 30, msg: 'listening', context: 'Startup' },
      { level: 40, msg: 'slow', context: 'Engine' },
      { level: 20, msg: 'detail', context: 'Engine' },
      { level: 10, msg: 'noise', context: 'Engine' },
      { level: 60, msg: 'gone', context: 'Engine' },
    ]);
  });

  it("puts Nest's route table and module list at debug level, where the default info level leaves them out", () => {
    const { nest, lines } = logger('info');
    nest.log('Mapped {/engine-rest/engine, GET} route', 'RouterExplorer');
    nest.log('EngineInfoController {/engine-rest}:', 'RoutesResolver');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Starting Nest application...', 'NestFactory');
    nest.log('Deployed complaint-sla v1', 'CrmProcesses');
    expect(lines().map((line) => line.msg)).toEqual(['Deployed complaint-sla v1']);

    const debug = logger('debug');
    debug.nest.log('Mapped {/engine-rest/engine, GET} route', 'RouterExplorer');
    expect(debug.lines()).toEqual([expect.objectContaining({ level: 20, context: 'RouterExplorer' })]);
  });

  it("keeps a stack Nest's exception handlers pass as a second argument, and an Error's message", () => {
    const { nest, lines } = logger();
    const stack = 'Error: boom\n    at handler (app.js:1:1)';
    nest.error('boom', stack, 'ExceptionsHandler');
    nest.error(new Error('bad thing'), 'Http');
    const [first, second] = lines();
    expect(first).toMatchObject({ level: 50, msg: 'boom', context: 'ExceptionsHandler', stack });
    expect(second).toMatchObject({ level: 50, msg: 'bad thing', context: 'Http', err: { message: 'bad thing' } });
  });

  it('makes an object among the arguments fields of the line: the request an error is about', () => {
    const { stream, lines } = logLines();
    const nest = new NestPinoLogger(pino({ level: 'info' }, stream));
    nest.error('Error: boom\n    at x.js:1:1', { reqId: 'r-7', method: 'POST', route: '/engine-rest/task/:id/complete' }, 'Http');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, context: 'Http', reqId: 'r-7', method: 'POST', route: '/engine-rest/task/:id/complete' });
  });
});
