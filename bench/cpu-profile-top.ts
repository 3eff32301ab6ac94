import { readFileSync } from 'node:fs';

/**
 * node dist/bench/cpu-profile-top.js <file.cpuprofile> [count]: the functions that spent the most
 * self time in a V8 CPU profile (node --cpu-prof), with their file, and the share per package.
 */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function packageOf(url: string): string {
  const match = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (url.startsWith('node:')) return 'node';
  if (url === '') return '(native, GC, idle)';
  const ours = /\/(dist\/)?(app|engine|crm-domain|bench)\//.exec(url);
  return ours ? `ours: ${ours[2]}` : url;
}

function main(): void {
  const [file, countArg] = process.argv.slice(2);
  if (!file) throw new Error('Expected a .cpuprofile file as the first argument');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    total += micros;
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(dist\/)?/, '');
    const key = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const pkg = packageOf(frame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}`);
  console.log(`busy ${(total / 1000).toFixed(0)} ms`);
  console.log('by package:');
  for (const line of top(byPackage, 25)) console.log(`  ${line}`);
  console.log('by function (self time):');
  for (const line of top(byFunction, Number(countArg ?? 40))) console.log(`  ${line}`);
}

main();
