import { writeFileSync } from 'node:fs';

/**
 * Loaded into the service process with --import (and --expose-gc) by the memory scenario: on
 * SIGUSR2 it collects garbage and writes process.memoryUsage() to BENCH_MEMORY_FILE, so the
 * bench reads the service's heap without any route of its own.
 */
const file = process.env['BENCH_MEMORY_FILE'];
if (file) {
  process.on('SIGUSR2', () => {
    const collect = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) collect?.();
    writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), at: Date.now() }));
  });
}
