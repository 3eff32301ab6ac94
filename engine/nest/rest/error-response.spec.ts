import { BadRequestException, ConflictException, ForbiddenException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import {
  BadUserRequestError, ConflictError, EngineInvariantError, ExecutionError, ForbiddenError, InvalidRequestError, JobFailedError, NotFoundError, OptimisticLockError, ParseError,
} from '../../core/errors/index.js';
import { conversionError } from '../../core/variables/variable-value-error.js';
import { coded } from '../http/coded-exception.js';
import { describeError, errorBody } from './error-response.js';

describe('describeError: status, Camunda type and stable code of every error', () => {
  it.each<[string, unknown, number, string, string]>([
    ['a refused model', new ParseError('a.bpmn', [{ elementId: 'Gw', message: 'no default flow' }]), 400, 'ParseException', 'ENGINE_MODEL_INVALID'],
    ['an unknown id', new NotFoundError('No task x'), 404, 'InvalidRequestException', 'ENGINE_NOT_FOUND'],
    ['a claimed task', new BadUserRequestError('claimed', 'TASK_ALREADY_CLAIMED'), 400, 'BadUserRequestException', 'TASK_ALREADY_CLAIMED'],
    ['a state refusal', new BadUserRequestError('suspended'), 400, 'BadUserRequestException', 'ENGINE_BAD_USER_REQUEST'],
    ['four eyes', new ForbiddenError('not you'), 403, 'AuthorizationException', 'ENGINE_FORBIDDEN'],
    ['bad input', new InvalidRequestError("Unknown query parameter 'x'"), 400, 'InvalidRequestException', 'ENGINE_INVALID_REQUEST'],
    ['a CRM duplicate', new ConflictError('exists', 'CRM_DUPLICATE'), 409, 'InvalidRequestException', 'CRM_DUPLICATE'],
    ['a bad variable', conversionError('amount', 'abc', 'Integer', 'expected a 32-bit integer'), 400, 'InvalidRequestException', 'ENGINE_VARIABLE_INVALID'],
    ['a failed execution', new ExecutionError('no such process', 'Call'), 400, 'ProcessEngineException', 'ENGINE_EXECUTION_FAILED'],
    ['a lost race', new OptimisticLockError('instance', 'i1'), 409, 'OptimisticLockingException', 'ENGINE_OPTIMISTIC_LOCK'],
    ['a job that failed on request', new JobFailedError('j1', new ExecutionError('no such process')), 500, 'RestException', 'ENGINE_JOB_FAILED'],
    ['a broken invariant', new EngineInvariantError('Expected a scope'), 500, 'ProcessEngineException', 'ENGINE_INVARIANT_BROKEN'],
    ['a coded Nest exception', new ForbiddenException(coded('Refused a cross-site POST request', 'HTTP_CROSS_SITE_REFUSED')), 403, 'AuthorizationException', 'HTTP_CROSS_SITE_REFUSED'],
    ['an uncoded Nest 404 (no such route)', new NotFoundException('Cannot GET /api/nothing'), 404, 'NotFoundException', 'HTTP_NOT_FOUND'],
    ['an uncoded Nest 401', new UnauthorizedException('Sign in'), 401, 'AuthenticationException', 'HTTP_UNAUTHENTICATED'],
    ['an uncoded Nest 409', new ConflictException('taken'), 409, 'InvalidRequestException', 'HTTP_CONFLICT'],
    ['an uncoded Nest 429', new HttpException('slow down', 429), 429, 'InvalidRequestException', 'HTTP_TOO_MANY_REQUESTS'],
    ['invalid JSON', Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }), 400, 'InvalidRequestException', 'HTTP_INVALID_JSON'],
    ['invalid JSON, as Nest hands it on', new BadRequestException('Unexpected token', { cause: Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }) }), 400, 'InvalidRequestException', 'HTTP_INVALID_JSON'],
    ['a body over the limit', Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }), 413, 'InvalidRequestException', 'HTTP_BODY_TOO_LARGE'],
    ['an upload over the limit', Object.assign(new Error('File too large'), { name: 'MulterError', code: 'LIMIT_FILE_SIZE' }), 413, 'InvalidRequestException', 'HTTP_BODY_TOO_LARGE'],
    ['a malformed upload', Object.assign(new Error('Unexpected field'), { name: 'MulterError', code: 'LIMIT_UNEXPECTED_FILE' }), 400, 'InvalidRequestException', 'HTTP_UPLOAD_INVALID'],
  ])('%s', (_what, error, status, type, code) => {
    expect(describeError(error)).toMatchObject({ status, type, code, message: expect.any(String) });
  });

  it("repeats a failed job's coded failure, never a driver's text", () => {
    expect(describeError(new JobFailedError('j1', new ExecutionError('no such process'))).message).toBe("Job 'j1' failed: no such process");
    const driver = describeError(new JobFailedError('j1', new Error('invalid input syntax for type uuid: "abc"')));
    expect(driver.message).not.toContain('uuid');
    expect(driver.message).toContain('GET /job/j1');
  });

  it("never takes a code from an error that is not ours: a driver's code stays in the log", () => {
    const driver = new QueryFailedError('SELECT 1', [], Object.assign(new Error('relation does not exist'), { code: '42P01' }));
    expect(describeError(driver)).toEqual({ status: 500, type: 'ProcessEngineException', message: 'An internal error occurred', code: 'INTERNAL_ERROR' });
    expect(describeError(new HttpException({ message: 'x', code: 'SECRET_DETAIL' }, 503))).toEqual({ status: 503, type: 'ProcessEngineException', message: 'Service Unavailable', code: 'SERVICE_UNAVAILABLE' });
  });
});

describe('describeError: the database unavailable is a 503 to retry, not a 500', () => {
  const unavailable = { status: 503, type: 'ProcessEngineException', message: 'The database is unavailable at the moment; try again shortly', code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 };

  it.each<[string, unknown]>([
    ['connections terminated (pg_terminate_backend)', new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))],
    ['the server starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection failure', new QueryFailedError('SELECT 1', [], Object.assign(new Error('connection failure'), { code: '08006' }))],
    ['the server refusing connections', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection that died mid-query', new Error('Connection terminated unexpectedly')],
    ['no connection within the pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s', (_what, error) => {
    expect(describeError(error)).toEqual(unavailable);
  });

  it('leaves statement errors alone: they stay 500 (or 4xx where mapped)', () => {
    const syntax = new QueryFailedError('SELEC 1', [], Object.assign(new Error('syntax error'), { code: '42601' }));
    expect(describeError(syntax).status).toBe(500);
  });
});

describe('errorBody: Camunda-shaped under /engine-rest, our code as `code` elsewhere', () => {
  const notFound = describeError(new NotFoundError('No matching task with id t1'));

  it('keeps Camunda\'s integer `code` under /engine-rest (0, 1 for optimistic locking) and adds ours as `errorCode`', () => {
    expect(errorBody(notFound, '/engine-rest/task/t1')).toEqual({ type: 'InvalidRequestException', message: 'No matching task with id t1', code: 0, errorCode: 'ENGINE_NOT_FOUND' });
    expect(errorBody(describeError(new OptimisticLockError('instance', 'i1')), '/ENGINE-REST/process-instance')).toMatchObject({ code: 1, errorCode: 'ENGINE_OPTIMISTIC_LOCK' });
  });

  it('gives /api and every other path our code as `code`', () => {
    expect(errorBody(describeError(new NotFoundError('Deal with id d1 does not exist', 'CRM_NOT_FOUND')), '/api/deals/d1')).toEqual({
      type: 'InvalidRequestException', message: 'Deal with id d1 does not exist', code: 'CRM_NOT_FOUND',
    });
    expect(errorBody(notFound, '/engine-restless')).toMatchObject({ code: 'ENGINE_NOT_FOUND' });
    expect(errorBody(notFound, '/engine-restless')).not.toHaveProperty('errorCode');
  });

  it("keeps a ParseException's details beside the code", () => {
    const body = errorBody(describeError(new ParseError('a.bpmn', [{ elementId: 'Gw', message: 'no default flow' }])), '/engine-rest/deployment/create');
    expect(body).toMatchObject({ type: 'ParseException', code: 0, errorCode: 'ENGINE_MODEL_INVALID', details: { 'a.bpmn': { errors: [expect.objectContaining({ mainElementId: 'Gw' })] } } });
  });
});
