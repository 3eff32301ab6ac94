import { jest } from '@jest/globals';
import { InternalServerErrorException, Logger, ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';

interface Sent {
  status?: number;
  body?: unknown;
  headers: Record<string, string>;
}

function answerTo(error: unknown, path = '/engine-rest/task'): Sent {
  const sent: Sent = { headers: {} };
  const response = {
    headersSent: false,
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ originalUrl: `${path}?x=1` }) }) } as unknown as ArgumentsHost;
  new CamundaExceptionFilter().catch(error, host);
  return sent;
}

const SQL = 'SELECT * FROM engine.process_instance WHERE id = $1';
const CONNECTION = 'postgres://app:s3cret@db.internal:5432/crm';
const PATH = '/srv/crm/dist/engine/adapters/typeorm/sql.js';

describe('CamundaExceptionFilter: what a server failure tells the client', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  const leaks = (body: unknown) => {
    const text = JSON.stringify(body);
    return [SQL, 'engine.process_instance', CONNECTION, 's3cret', 'db.internal', PATH, '/srv/crm', '    at '].filter((secret) => text.includes(secret));
  };

  it.each<[string, unknown]>([
    ['a database error with its statement', new QueryFailedError(SQL, ['x'], Object.assign(new Error(`relation "engine.process_instance" does not exist (${CONNECTION})`), { code: '42P01' }))],
    ['a connection failure', Object.assign(new Error(`connect ECONNREFUSED db.internal:5432 for ${CONNECTION}`), { code: 'ECONNREFUSED' })],
    ['a file system error', Object.assign(new Error(`ENOENT: no such file or directory, open '${PATH}'`), { code: 'ENOENT', path: PATH })],
    ['a 500 HttpException with a revealing message', new InternalServerErrorException(`query ${SQL} failed at ${PATH}`)],
    ['the health check failing with its details', new ServiceUnavailableException({ status: 'error', error: { database: { status: 'down', message: `password authentication failed for ${CONNECTION}` } } })],
    ['something that is not an Error', { stack: `Error\n    at ${PATH}:1:1`, query: SQL }],
  ])('answers %s with a bare 5xx Camunda body', (_what, error) => {
    const { status, body } = answerTo(error);
    expect(status).toBeGreaterThanOrEqual(500);
    expect(body).toEqual({ type: 'ProcessEngineException', message: expect.any(String), code: 0, errorCode: expect.stringMatching(/^(INTERNAL_ERROR|SERVICE_UNAVAILABLE)$/) });
    expect(leaks(body)).toEqual([]);
    expect(leaks(answerTo(error, '/api/deals').body)).toEqual([]);
  });

  it('tells a client to retry while the database is unavailable (503, Retry-After)', () => {
    expect(answerTo(Object.assign(new Error(`connect ECONNREFUSED db.internal:5432`), { code: 'ECONNREFUSED' }))).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
  });

  it('names the request on the error line of a 5xx (id, method, route), never its query', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const request = { id: 'req-42', method: 'POST', route: { path: '/engine-rest/task/:id/complete' }, originalUrl: '/engine-rest/task/t1/complete?token=secret' };
    const response = { headersSent: false, status: () => response, json: () => response };
    const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
    new CamundaExceptionFilter().catch(new Error('boom'), host);
    expect(logged).toHaveBeenLastCalledWith(expect.stringContaining('Error: boom'), { reqId: 'req-42', method: 'POST', route: '/engine-rest/task/:id/complete' });
    expect(JSON.stringify(logged.mock.calls.at(-1))).not.toContain('secret');
  });

  it('still names client mistakes', () => {
    expect(answerTo(Object.assign(new SyntaxError('Unexpected token } in JSON at position 5'), { type: 'entity.parse.failed', status: 400 }))).toEqual({
      status: 400,
      headers: {},
      body: { type: 'InvalidRequestException', message: 'The request body is not valid JSON: Unexpected token } in JSON at position 5', code: 0, errorCode: 'HTTP_INVALID_JSON' },
    });
  });
});
