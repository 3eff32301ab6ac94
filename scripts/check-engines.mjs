#!/usr/bin/env node
// @ts-check
/**
 * Every package in package-lock.json must accept the lowest Node version package.json promises
 * (`engines.node`) and the Node running this check: otherwise `npm ci` warns EBADENGINE, or the
 * package may simply not work there. Optional packages npm skips on a mismatch (a platform binary
 * nothing needs here) are listed, not failed. Exit code 1 names each package that does not fit.
 *
 * Usage: node scripts/check-engines.mjs [path/to/package-lock.json]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
/** @type {{ satisfies(version: string, range: string): boolean, minVersion(range: string): { version: string } | null }} */
const semver = require('semver');

const lockPath = process.argv[2] ?? join(ROOT, 'package-lock.json');
/** @type {{ engines?: { node?: string } }} */
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** @type {{ packages: Record<string, { version?: string, engines?: { node?: string } | string[], optional?: boolean }> }} */
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));

const promise = manifest.engines?.node;
if (!promise) {
  console.error('package.json has no engines.node to check against');
  process.exit(1);
}
const lowest = semver.minVersion(promise)?.version;
const versions = [...new Set([lowest, process.versions.node].filter((v) => v !== undefined))];

const misfits = [];
const skipped = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  const range = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
  if (path === '' || !range) continue;
  const refused = versions.filter((version) => !semver.satisfies(version, range));
  if (refused.length === 0) continue;
  const line = `${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}, refuses ${refused.join(' and ')}`;
  (entry.optional ? skipped : misfits).push(line);
}

for (const line of skipped) console.log(`skipped by npm (optional): ${line}`);
if (misfits.length > 0) {
  console.error(`Packages that do not accept Node ${versions.join(' / ')} (package.json promises ${promise}):`);
  for (const line of misfits) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`All ${Object.keys(lock.packages).length - 1} locked packages accept Node ${versions.join(' and ')} (package.json promises ${promise}).`);
