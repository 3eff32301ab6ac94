import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface BpmnFile {
  readonly name: string;
  readonly xml: string;
}

/** The OMG MIWG reference models: shared/miwg beside the repository (as CI lays it out). */
export function miwgDirectory(): string | null {
  return [process.env['MIWG_DIR'], join(ROOT, '..', 'shared', 'miwg'), '/work/shared/miwg'].find((dir) => dir && existsSync(dir)) ?? null;
}

export function bpmnFilesIn(dir: string | null): BpmnFile[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bpmn'))
    .sort()
    .map((name) => ({ name, xml: readFileSync(join(dir, name), 'utf8') }));
}

export const processesDirectory = join(ROOT, 'processes');

/** every `id="…"` attribute value */
export function idsOf(xml: string): Set<string> {
  return new Set([...xml.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!));
}

/** how many elements of each local name (prefixes differ between tools) */
export function elementCounts(xml: string): Map<string, number> {
  const counts = new Map<string, number>();
  // comments and CDATA sections hold text, not elements (an export may escape CDATA as plain text)
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (const match of withoutComments.matchAll(/<(?:[\w.-]+:)?([\w.-]+)[\s/>]/g)) {
    // <formalExpression> is written back as the equivalent <expression xsi:type="tFormalExpression">
    const name = match[1] === 'formalExpression' ? 'expression' : match[1]!;
    if (name === 'xml') continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** what the export lost: ids and elements present before and missing after */
export function losses(before: string, after: string): string[] {
  const lost: string[] = [];
  const afterIds = idsOf(after);
  for (const id of idsOf(before)) if (!afterIds.has(id)) lost.push(`id ${id}`);
  const afterCounts = elementCounts(after);
  for (const [name, count] of elementCounts(before)) {
    const kept = afterCounts.get(name) ?? 0;
    if (kept < count) lost.push(`${count - kept} of ${count} <${name}>`);
  }
  return lost;
}
