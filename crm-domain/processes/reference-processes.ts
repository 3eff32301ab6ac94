import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** the reference models' folder: `processes/` at the repository root (from the sources or from dist/) */
export function findProcessesDir(configured?: string): string {
  if (configured) return resolve(configured);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'processes');
    if (existsSync(join(candidate, 'lead-routing.bpmn'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('Expected the reference BPMN models in a processes/ folder above crm-domain, but found none');
}

export interface BpmnResource {
  readonly name: string;
  readonly content: string;
}

/** every .bpmn file of the folder, by name */
export function readBpmnResources(dir: string): BpmnResource[] {
  return readResources(dir, /\.bpmn$/);
}

/** the models with the decision tables (`.dmn`) and forms (form-js `.form` schemas) they use: deployed together, in one deployment */
export function readProcessResources(dir: string): BpmnResource[] {
  return readResources(dir, /\.(bpmn|dmn|form)$/);
}

function readResources(dir: string, names: RegExp): BpmnResource[] {
  return readdirSync(dir)
    .filter((name) => names.test(name))
    .sort()
    .map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
}
