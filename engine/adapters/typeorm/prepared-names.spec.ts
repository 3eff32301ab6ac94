import { PreparedNames } from './sql.js';

describe('names of prepared statements', () => {
  it('gives one text one name, the same on every call', () => {
    const names = new PreparedNames();
    const first = names.nameOf('SELECT * FROM engine.task WHERE id = $1');
    expect(first).toBeDefined();
    expect(names.nameOf('SELECT * FROM engine.task WHERE id = $1')).toBe(first);
    expect(names.nameOf('SELECT * FROM engine.job WHERE id = $1')).not.toBe(first);
  });

  it('names no new text past its capacity, and keeps the names it gave', () => {
    const names = new PreparedNames(2);
    const a = names.nameOf('a');
    const b = names.nameOf('b');
    expect(names.nameOf('c')).toBeUndefined();
    expect([names.nameOf('a'), names.nameOf('b')]).toEqual([a, b]);
  });
});
