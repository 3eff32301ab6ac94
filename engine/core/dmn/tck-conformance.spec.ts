import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDmn } from './index.js';

/** decision-table cases of the DMN TCK (Apache 2.0; see tck/NOTICE), DMN 1.1 files migrated on parse */
interface TckCases {
  readonly cases: readonly {
    readonly model: string;
    readonly decision: string;
    /** the result's key for a single output; null: `expected` holds every output by name */
    readonly result: string | null;
    /** a multiple-hit table: `expected` is the list of result entries */
    readonly list?: boolean;
    readonly tests: readonly { readonly id: string; readonly inputs: Record<string, unknown>; readonly expected: unknown }[];
  }[];
}

const folder = join(dirname(fileURLToPath(import.meta.url)), 'tck');
const { cases } = JSON.parse(readFileSync(join(folder, 'test-cases.json'), 'utf8')) as TckCases;

describe.each(cases)('DMN TCK $model', ({ model, decision, result, list, tests }) => {
  it.each(tests)('test $id', async ({ inputs, expected }) => {
    const dmn = await parseDmn(readFileSync(join(folder, model), 'utf8'), model);
    const entries = list ? expected : [result === null ? expected : { [result]: expected }];
    expect(dmn.evaluate(decision, inputs).result).toEqual(entries);
  });
});
