import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The source roots whose modules must import each other without a circle (type-only imports count). */
const ROOTS = ['engine', 'crm-domain', 'app', 'designer/src'];
const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** Every TypeScript file under a folder, in a stable order. */
function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The file a relative specifier names: `./x.js` is `./x.ts`, a bare `./x` is `./x.ts` or `./x/index.ts`. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => path.endsWith('.ts') && existsSync(path) && statSync(path).isFile());
}

/** Each file's relative imports and re-exports (`import type` and `import()` included), sorted. */
function importGraph(roots: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const root of roots) {
    for (const file of sourceFiles(join(REPO, root))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
      const targets = importedFiles
        .filter(({ fileName }) => fileName.startsWith('.'))
        .map(({ fileName }) => resolveSpecifier(file, fileName))
        .filter((target): target is string => target !== undefined);
      graph.set(file, [...new Set(targets)].sort());
    }
  }
  return graph;
}

/**
 * The import circles, one per edge that leads back into the path being walked
 * (a depth-first walk in path order, as `madge --circular` walks).
 */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const walk = (file: string): void => {
    path.push(file);
    onPath.add(file);
    for (const target of graph.get(file) ?? []) {
      if (done.has(target)) continue;
      if (onPath.has(target)) cycles.push(path.slice(path.indexOf(target)));
      else walk(target);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) walk(file);
  return cycles;
}

describe('import cycles', () => {
  const graph = importGraph(ROOTS);

  it('reads the whole source tree, type-only imports included', () => {
    const engineFiles = [...graph.keys()].filter((file) => file.includes('/engine/core/'));
    expect(engineFiles.length).toBeGreaterThan(100);
    const typeOnly = [...graph.entries()].find(([file]) => file.endsWith('engine/core/ports/engine-store.ts'));
    expect(typeOnly?.[1].length).toBeGreaterThan(0);
  });

  it('finds a circle when there is one', () => {
    const ring = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(importCycles(ring)).toEqual([['a', 'b', 'c']]);
  });

  it('has no circle among the modules of engine, crm-domain, app and designer', () => {
    const circles = importCycles(graph).map((cycle) => cycle.map((file) => relative(REPO, file)).join(' > '));
    expect(circles).toEqual([]);
  });
});
