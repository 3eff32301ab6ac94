import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRM_ERROR_CODES } from '../../crm-domain/shared/crm-errors.js';
import { ENGINE_ERROR_CODES } from '../../engine/core/errors/index.js';
import { HTTP_ERROR_CODES } from '../../engine/nest/http/coded-exception.js';

const README = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md'), 'utf8');
const catalogues = { engine: ENGINE_ERROR_CODES, crm: CRM_ERROR_CODES, http: HTTP_ERROR_CODES };
const allCodes = Object.values(catalogues).flatMap((catalogue) => Object.keys(catalogue));

/** the codes in the first column of the README's error code table: "| `ENGINE_NOT_FOUND` | 404 | ..." */
function documentedCodes(): string[] {
  const start = README.indexOf('### Error codes');
  const section = README.slice(start, README.indexOf('\n## ', start));
  return [...section.matchAll(/^\| `([A-Z][A-Z_]+)` \|/gm)].map((match) => match[1]!);
}

describe('error codes: stable names, each documented once', () => {
  it('are unique across the engine, the CRM and the HTTP layer', () => {
    expect(new Set(allCodes).size).toBe(allCodes.length);
  });

  it('are all listed in the README, and the README lists no others', () => {
    expect([...documentedCodes()].sort()).toEqual([...allCodes].sort());
  });
});
