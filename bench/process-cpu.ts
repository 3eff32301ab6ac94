import { readdirSync, readFileSync } from 'node:fs';

/** Linux's user-visible clock tick (USER_HZ), the unit of /proc/<pid>/stat's times, on every mainstream architecture */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) used so far by the processes a round trip runs in */
export interface CpuSample {
  readonly service: number;
  /** per PostgreSQL process on this machine: backends, WAL writer, checkpointer */
  readonly postgres: ReadonlyMap<number, number>;
  readonly loadGenerator: number;
}

export interface CpuPerRoundTrip {
  readonly service: number;
  readonly postgres: number;
  readonly loadGenerator: number;
}

/**
 * Reads the CPU time of the service, of every PostgreSQL process on this machine and of this
 * process, from /proc; null where there is no /proc (not Linux) or the service is gone. CPU per
 * round trip stays comparable on a busy or throttled machine, where throughput does not.
 */
export function sampleCpu(servicePid: number): CpuSample | null {
  try {
    const service = cpuSecondsOf(servicePid);
    if (service === null) return null;
    const postgres = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || !isPostgres(pid)) continue;
      const seconds = cpuSecondsOf(pid);
      if (seconds !== null) postgres.set(pid, seconds);
    }
    const own = process.cpuUsage();
    return { service, postgres, loadGenerator: (own.user + own.system) / 1e6 };
  } catch {
    return null;
  }
}

/** milliseconds of CPU per round trip between two samples; a PostgreSQL process born in between counts from zero */
export function cpuPerRoundTrip(before: CpuSample, after: CpuSample, roundTrips: number): CpuPerRoundTrip {
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  const perRoundTrip = (seconds: number) => (seconds * 1000) / roundTrips;
  return {
    service: perRoundTrip(after.service - before.service),
    postgres: perRoundTrip(postgres),
    loadGenerator: perRoundTrip(after.loadGenerator - before.loadGenerator),
  };
}

function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which may itself hold spaces and parentheses: utime and stime are the 12th and 13th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
}
