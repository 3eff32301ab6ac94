import { CommitCompanionWriters, type CommitCompanionWriter } from './commit-companions.js';

const writer: CommitCompanionWriter = { table: 'app.notes', part: (record, params) => `INSERT INTO app.notes (text) VALUES ($${params.push(record)})` };

describe('CommitCompanionWriters', () => {
  it('finds the writer of a kind, whose part numbers its parameters after those before it', () => {
    const writers = new CommitCompanionWriters();
    writers.register('app.note', writer);
    const params: unknown[] = ['earlier'];
    expect(writers.writerOf({ kind: 'app.note', record: 'hello' }).part('hello', params)).toBe('INSERT INTO app.notes (text) VALUES ($2)');
    expect(params).toEqual(['earlier', 'hello']);
  });

  it('refuses a kind nobody writes, rather than losing the record', () => {
    expect(() => new CommitCompanionWriters().writerOf({ kind: 'app.note', record: 'hello' })).toThrow("No writer of commit companions 'app.note' is registered");
  });

  it('refuses a second writer of a kind', () => {
    const writers = new CommitCompanionWriters();
    writers.register('app.note', writer);
    expect(() => writers.register('app.note', writer)).toThrow("'app.note' is registered already");
  });
});
