import { ExpressionGlobalTable } from './expression-globals.js';
import { HOST_OBJECT, type HostObject } from './host-object.js';

const clockObject = (now: () => Date): HostObject => ({ [HOST_OBJECT]: true, getProperty: () => now().toISOString(), callMethod: () => undefined });

describe('expression globals', () => {
  it('resolves a registered name with the evaluation’s clock, and nothing else', () => {
    const table = new ExpressionGlobalTable();
    table.register('clock', clockObject);
    expect(table.resolve('clock', () => new Date('2026-12-04T19:00:00.000Z'))?.getProperty('now')).toBe('2026-12-04T19:00:00.000Z');
    expect(table.resolve('other', () => new Date())).toBeUndefined();
    expect(table.names()).toEqual(['clock']);
  });

  it('refuses a name twice, and the engine’s own execution', () => {
    const table = new ExpressionGlobalTable();
    table.register('clock', clockObject);
    expect(() => table.register('clock', clockObject)).toThrow("named 'clock', but it is taken");
    expect(() => table.register('execution', clockObject)).toThrow("named 'execution', but it is taken");
  });
});
