import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// loaded by name at run time: the designer is typechecked with its own tsconfig
const TEMPLATES = '../../designer/src/bpmn/crm-templates/templates.js';
const { CRM_TOPICS } = (await import(TEMPLATES)) as { CRM_TOPICS: readonly string[] };

function handlerTopics(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return handlerTopics(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/@TaskHandler\('([^']+)'\)/g)].map((match) => match[1]!);
  });
}

/** The designer warns of an external topic no CRM handler fetches; its list must be the server's. */
describe('the CRM topics the designer knows', () => {
  it('are the topics of the CRM handlers, no more and no fewer', () => {
    expect([...new Set(CRM_TOPICS)].sort()).toEqual([...new Set(handlerTopics(join(process.cwd(), 'crm-domain')))].sort());
  });
});
