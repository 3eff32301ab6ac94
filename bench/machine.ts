import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** what the figures depend on: printed before every run, since the machine may be shared */
export function describeMachine(): string[] {
  const [one, five, fifteen] = loadavg().map((v) => v.toFixed(2));
  return [
    `date: ${new Date().toISOString()}`,
    `cores: ${availableParallelism()} (${cpus()[0]?.model ?? 'unknown CPU'}), memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `load average before the run: ${one} ${five} ${fifteen} (1, 5, 15 min)`,
    'busiest processes before the run (ps, %CPU since each started):',
    ...busiestProcesses(8).map((line) => `  ${line}`),
  ];
}

export function busiestProcesses(count: number): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pcpu,pmem,pid,comm,args', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l.trim() !== '' && !isThisBench(l)).slice(0, count).map((l) => l.trim().replace(/\s+/g, ' ').slice(0, 140));
  } catch {
    return ['(ps not available)'];
  }
}

export function loadAverageNow(): string {
  return loadavg().map((v) => v.toFixed(2)).join(' ');
}

/** the bench and its ps call are not what else is running */
function isThisBench(line: string): boolean {
  const [, , pid, command] = line.trim().split(/\s+/);
  return pid === String(process.pid) || command === 'ps';
}
