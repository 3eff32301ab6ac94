import { describeVerdict } from '../faults/verdict.js';
import { figureRow, markdownTable } from '../faults/report.js';
import { FAULTS, runFault, type FaultName } from '../faults/run-fault.js';
import { envNumber } from '../models.js';

/**
 * The fault suite at full size: each fault on its own scratch database under BENCH_FAULT_INSTANCES
 * instances of fault_everything (every durable mechanism), with the verdict from history and the
 * figures: kill → last orphaned job resumed, timer lateness after a queue loss, instances/s before,
 * during and after the fault. BENCH_FAULT_RATE: starts per second (8: what the 2-core machine keeps up with while others work); BENCH_FAULTS picks some
 * (comma-separated names).
 */
export async function faults(): Promise<void> {
  const instances = envNumber('BENCH_FAULT_INSTANCES', 1000);
  const startsPerSecond = envNumber('BENCH_FAULT_RATE', 8);
  const chosen = (process.env['BENCH_FAULTS']?.split(',').map((f) => f.trim()) ?? [...FAULTS]) as FaultName[];
  const unknown = chosen.filter((f) => !(FAULTS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new Error(`Expected BENCH_FAULTS among ${FAULTS.join(', ')}, but got ${unknown.join(', ')}`);
  const rows: string[][] = [];
  let unsound = 0;
  for (const fault of chosen) {
    const figures = await runFault({ fault, instances, startsPerSecond, completionMs: 15 * 60_000, log: (line) => console.log(`  ${line}`) });
    console.log(describeVerdict(fault, figures.verdict));
    if (figures.verdict.problems.length > 0) unsound++;
    rows.push(figureRow(figures));
  }
  console.log(`\n${markdownTable(`fault suite: ${instances} instances of fault_everything per fault, started at ${startsPerSecond}/s`, rows)}`);
  if (unsound > 0) throw new Error(`${unsound} of ${chosen.length} faults left an unsound history (see above)`);
}
