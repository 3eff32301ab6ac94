import './v8-heap-settings.js';
import 'reflect-metadata';
import { openDatabase } from '../engine/adapters/typeorm/data-source.js';
import { runPendingMigrations } from '../engine/adapters/typeorm/migrate.js';
import { migrations } from '../migrations/index.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { startService } from './start-service.js';

async function migrate(config: AppConfig): Promise<void> {
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, migrations });
  const applied = await runPendingMigrations(db);
  console.log(applied.length > 0 ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date');
  await db.dataSource.destroy();
}

async function serve(config: AppConfig): Promise<void> {
  let close: (() => Promise<void>) | null = null;
  stopGracefullyOnSignals(() => close?.() ?? Promise.resolve());
  const { app } = await startService(config);
  close = () => app.close();
}

/**
 * SIGTERM or SIGINT: finish running jobs, close pools, exit. A second signal (npm forwards the
 * one the process group already got) must not cut the shutdown short.
 */
function stopGracefullyOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (process.argv[2] === 'migrate') await migrate(config);
  else await serve(config);
}

main().catch((error: unknown) => {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
