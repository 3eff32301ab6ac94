import { openDatabase, type OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { runPendingMigrations } from '../../engine/adapters/typeorm/migrate.js';
import { migrations } from '../../migrations/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database.js';

/** Nodes started together on a fresh database: one migrates, the others wait and find nothing left to do. */
const withPostgres = process.env['DATABASE_URL'] ? describe : describe.skip;

withPostgres('several nodes migrating one fresh database at once', () => {
  let scratch: ScratchDatabase;
  const nodes: OpenedDatabase[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env['DATABASE_URL']!);
    for (let i = 0; i < 3; i++) nodes.push(await openDatabase({ url: scratch.url, migrations, poolSize: 2 }));
  });
  afterAll(async () => {
    for (const node of nodes) await node.dataSource.destroy();
    await scratch?.drop();
  });

  it('applies every migration exactly once, and every node starts', async () => {
    const applied = await Promise.all(nodes.map((node) => runPendingMigrations(node)));

    expect(applied.map((list) => list.length).sort((x, y) => y - x)).toEqual([migrations.length, 0, 0]);
    const [{ n }] = await nodes[0]!.dataSource.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(n).toBe(migrations.length);
  });
});
