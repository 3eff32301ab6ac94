import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const check = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-engines.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

/** `npm ci` warns EBADENGINE for a package that refuses the Node package.json promises */
describe('the engines every locked package accepts', () => {
  it('include the lowest Node package.json promises and the one running', () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('are checked: a locked package wanting a newer Node fails the check, an optional one npm skips does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'engines-'));
    try {
      const lock = join(dir, 'package-lock.json');
      writeFileSync(lock, JSON.stringify({
        packages: {
          '': { name: 'x' },
          'node_modules/too-new': { version: '1.0.0', engines: { node: '>=22' } },
          'node_modules/optional-binary': { version: '1.0.0', engines: { node: '>=22' }, optional: true },
          'node_modules/fine': { version: '1.0.0', engines: { node: '>=18' } },
        },
      }));
      const result = check(lock);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('too-new@1.0.0 wants node >=22');
      expect(result.stderr).not.toContain('optional-binary');
      expect(result.stdout).toContain('skipped by npm (optional): optional-binary@1.0.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
