import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParseError } from '../../engine/core/errors/index.js';
import { EngineHarness } from '../../engine/testing/engine-harness.js';
import { deployReport } from '../../engine/testing/deploy-rules.js';
import { processesDirectory } from '../browser/support/bpmn-files.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** the conformance kit's models: shared/conformance beside the repository, as CI lays it out (or CONFORMANCE_DIR) */
const CONFORMANCE_MODELS = [process.env['CONFORMANCE_DIR'], join(REPO, '..', 'shared', 'conformance'), '/work/shared/conformance']
  .map((dir) => dir && join(dir, 'scenarios', 'models'))
  .find((dir) => dir && existsSync(dir));
const conformanceModels = CONFORMANCE_MODELS ? readdirSync(CONFORMANCE_MODELS).filter((name) => name.endsWith('.bpmn')).sort() : [];

describe('the deploy-time rules accept the valid models we ship and test against', () => {
  it('deploys processes/ as one deployment (models with their decision tables and forms), without errors or warnings', async () => {
    const resources = readdirSync(processesDirectory).filter((name) => /\.(bpmn|dmn|form)$/.test(name)).sort()
      .map((name) => ({ name, content: readFileSync(join(processesDirectory, name), 'utf8') }));
    expect(resources.some((r) => r.name.endsWith('.bpmn'))).toBe(true);
    const result = await new EngineHarness().engine.deploy({ name: 'processes', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources })
      .catch((error: unknown) => (error instanceof ParseError ? error.message : Promise.reject(error)));
    expect(typeof result === 'string' ? result : result.warnings).toEqual({});
  });

  if (conformanceModels.length === 0) {
    it.skip('skipped: no conformance kit found (set CONFORMANCE_DIR, or lay shared/conformance beside the repository)', () => undefined);
    return;
  }

  it.each(conformanceModels)('deploys the conformance model %s without errors or warnings', async (name) => {
    const report = await deployReport(readFileSync(join(CONFORMANCE_MODELS!, name), 'utf8'));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });
});
