import { ownEntry } from './own-entry.js';

describe('ownEntry', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('finds nothing for the inherited %s', (key) => {
    expect(ownEntry({ name: 'n' }, key)).toBeUndefined();
  });

  it('finds own entries, also those with inherited names', () => {
    const table: Record<string, number> = { name: 1 };
    Object.defineProperty(table, 'constructor', { value: 2, enumerable: true });
    expect(ownEntry(table, 'name')).toBe(1);
    expect(ownEntry(table, 'constructor')).toBe(2);
  });
});
