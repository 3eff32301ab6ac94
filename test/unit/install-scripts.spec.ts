import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean; link?: boolean; resolved?: string }>;
};

const nameOf = (path: string) => path.replace(/^.*node_modules\//, '');

/** what `npm install` runs: no telemetry, and only the install scripts the project approved (npm 11's allowScripts) */
describe('install scripts', () => {
  it('come only from packages package.json reviewed in allowScripts (true: runs, false: refused)', () => {
    const withScripts = Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => nameOf(path));
    const reviewed = Object.keys(manifest.allowScripts ?? {});
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !reviewed.includes(name))).toEqual([]);
    // inferno (under dmn-js) only asks for donations in its postinstall (opencollective-postinstall): refused
    expect(manifest.allowScripts?.['inferno']).toBe(false);
  });

  it('include no telemetry: IBM telemetry (via @carbon/grid) and Scarf are empty local stand-ins', () => {
    expect(Object.keys(lock.packages).filter((path) => nameOf(path) === '@ibm/telemetry-js')).toEqual([]);
    for (const name of ['@carbon/grid', '@carbon/layout', '@scarf/scarf']) {
      const entries = Object.entries(lock.packages).filter(([path]) => path.includes('node_modules/') && nameOf(path) === name);
      for (const [, entry] of entries) expect(entry).toMatchObject({ link: true, resolved: expect.stringMatching(/^tools\/npm-stubs\//) });
    }
  });
});
