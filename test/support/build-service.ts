import { execFileSync } from 'node:child_process';

/**
 * Builds what `node dist/app/main.js` (and bench/service.ts) runs: incremental, so an unchanged
 * build costs seconds. For specs that start the service as its own process.
 */
export function buildService(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--incremental'], { stdio: 'inherit' });
}
