import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, throwError } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import { describeError } from '../../engine/nest/rest/error-response.js';
import { DatabaseErrorsInterceptor } from './database-errors.interceptor.js';

const SQL = 'INSERT INTO crm.deals (id, amount) VALUES ($1, $2)';

function failing(code: string, message: string, detail?: string): QueryFailedError {
  return new QueryFailedError(SQL, ['6f1c', -5], Object.assign(new Error(message), { code, detail }));
}

async function translated(error: unknown): Promise<unknown> {
  const next: CallHandler = { handle: () => throwError(() => error) };
  return lastValueFrom(new DatabaseErrorsInterceptor().intercept({} as ExecutionContext, next)).catch((thrown: unknown) => thrown);
}

describe('DatabaseErrorsInterceptor', () => {
  it('turns constraint errors into 4xx that name the value, never the statement', async () => {
    const duplicate = await translated(failing('23505', 'duplicate key value violates unique constraint "users_email_key"', 'Key (email)=(a@b.test) already exists.'));
    expect(describeError(duplicate)).toMatchObject({ status: 409, code: 'CRM_DUPLICATE', message: 'A record with these values already exists: Key (email)=(a@b.test) already exists.' });
    const bad = (await translated(failing('22P02', 'invalid input syntax for type uuid: "6f1c"'))) as Error;
    expect(describeError(bad)).toMatchObject({ status: 400, code: 'CRM_CONSTRAINT_VIOLATED', message: 'A value is not acceptable: invalid input syntax for type uuid: "6f1c"' });
    for (const error of [duplicate, bad]) expect(JSON.stringify({ message: (error as Error).message })).not.toContain('INSERT INTO');
  });

  it('passes every other database failure on untouched: the exception filter answers it with a bare 500', async () => {
    const missing = failing('42P01', 'relation "crm.deals" does not exist');
    expect(await translated(missing)).toBe(missing);
  });
});
