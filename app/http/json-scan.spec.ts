import { scanInput } from './json-scan.js';

describe('scanInput', () => {
  it('finds a NUL character in a string or a key and names where', () => {
    expect(scanInput({ variables: { note: { value: 'a\u0000b' } } }, 10)).toEqual({ path: 'variables.note.value', problem: 'nul' });
    expect(scanInput({ list: ['ok', { 'bad\u0000key': 1 }] }, 10)).toEqual({ path: 'list.1.bad\u0000key', problem: 'nul' });
    expect(scanInput('\u0000', 10, 'query')).toEqual({ path: 'query', problem: 'nul' });
  });

  it('finds nesting deeper than the limit without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(scanInput({ v: deep }, 100)?.problem).toBe('depth');
    expect(scanInput({ a: { b: { c: 1 } } }, 3)).toBeNull();
    expect(scanInput({ a: { b: { c: {} } } }, 3)).toEqual({ path: 'a.b.c', problem: 'depth' });
  });

  it('passes ordinary input', () => {
    expect(scanInput({ name: 'Ada', amounts: [1, 2], nested: { ok: true, none: null } }, 10)).toBeNull();
    expect(scanInput('x'.repeat(1 << 20), 10)).toBeNull();
  });
});
