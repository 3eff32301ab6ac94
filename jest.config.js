import { availableParallelism } from 'node:os';

const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'es6' },
}];

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/designer/', '/.scratch/'],
};

/**
 * One project per kind of spec, each with timeouts for a loaded 2-core machine (jest's own 5 s
 * default is not): `npm run test:quick` runs `unit`, `npm run test:browser` runs `browser`.
 */
const project = (displayName, testMatch) => ({
  ...shared,
  displayName,
  testMatch,
  setupFilesAfterEnv: [`<rootDir>/test/support/timeouts/${displayName}.ts`],
});

/** @type {import('jest').Config} */
export default {
  projects: [
    // the engine core on its in-memory store and manual clock, CRM and app modules, config
    project('unit', ['<rootDir>/{app,crm-domain,engine}/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts']),
    // the engine on a real database (PGlite, or PostgreSQL with DATABASE_URL) and job backend
    project('integration', ['<rootDir>/test/integration/**/*.spec.ts']),
    // the service over HTTP
    project('e2e', ['<rootDir>/test/e2e/**/*.spec.ts']),
    // the web app in Chromium
    project('browser', ['<rootDir>/test/browser/**/*.spec.ts']),
  ],
  // jest's default (cores - 1) runs one file at a time on 2 cores; most of an HTTP or database
  // spec's time is spent waiting, so files run side by side: 2 to 4 of them, each with its own database
  // connections (JEST_MAX_WORKERS or --maxWorkers overrides)
  maxWorkers: Number(process.env['JEST_MAX_WORKERS'] ?? Math.min(4, Math.max(2, availableParallelism()))),
  // a worker that grew large (PGlite's WebAssembly memory, Chromium's pages) is replaced after its file
  workerIdleMemoryLimit: '1500MB',
};
