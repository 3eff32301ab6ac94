import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildService } from '../support/build-service.js';

/**
 * The service starts with V8's allocation-site pretenuring off (app/v8-heap-settings.ts): V8's own
 * trace of its pretenuring decisions shows none, where the same allocations without the module, or
 * with the flag chosen on the command line, are pretenured.
 */
describe('V8 heap settings of the service', () => {
  beforeAll(() => buildService());

  function tenuredSites(nodeFlags: readonly string[]): number {
    const output = execFileSync(process.execPath, ['--trace-pretenuring-statistics', ...nodeFlags, 'test/fixtures/surviving-allocations.mjs'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(output).toContain('kept ');
    return output.split('\n').filter((line) => line.includes('=> tenure')).length;
  }

  it('makes no pretenuring decision once the settings module is loaded', () => {
    expect(tenuredSites([])).toBeGreaterThan(0);
    expect(tenuredSites(['--import', './dist/app/v8-heap-settings.js'])).toBe(0);
  });

  it('leaves pretenuring on when the process was started with it', () => {
    expect(tenuredSites(['--allocation-site-pretenuring', '--import', './dist/app/v8-heap-settings.js'])).toBeGreaterThan(0);
  });

  it('is the first module the service loads', () => {
    const firstStatement = readFileSync('app/main.ts', 'utf8').split('\n').find((line) => line.trim() !== '');
    expect(firstStatement).toBe("import './v8-heap-settings.js';");
  });
});
