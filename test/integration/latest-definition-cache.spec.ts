import { randomUUID } from 'node:crypto';
import { SqlEngineStore } from '../../engine/adapters/typeorm/sql-engine-store.js';
import { Engine } from '../../engine/core/engine.js';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { InlineDispatcher } from '../../engine/testing/inline-dispatcher.js';
import { StatementCounter } from '../support/statement-counter.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A start by key takes the latest definition from the node's cache, without a look-up; its write
 * checks that no newer version exists, so a version deployed on another node is started from the
 * next start on, never an old one (latest-definitions.ts).
 */
describe('the latest definition of a key, cached per node', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db?.close());

  function node(): Engine {
    return new Engine({
      store: new SqlEngineStore(db.dataSource),
      dispatcher: new InlineDispatcher(),
      clock: { now: () => new Date() },
      ids: { next: () => randomUUID() },
      handlers: { handlerFor: () => undefined },
      workerId: `node-${randomUUID().slice(0, 4)}`,
    });
  }

  const version = (name: string) => bpmn('offer', `
    <startEvent id="start"/>
    <userTask id="${name}"/>
    <endEvent id="end"/>
    ${flows('start', name, 'end')}`);

  const deploy = (engine: Engine, name: string, tenantId: string | null = null) => engine.deploy({
    name: 'offer', source: null, tenantId, enableDuplicateFiltering: false, deployChangedOnly: false, resources: [{ name: 'offer.bpmn', content: version(name) }],
  });

  const startOffer = (engine: Engine, tenantId?: string | null) =>
    engine.startProcessInstance({ definition: { by: 'latest', key: 'offer', ...(tenantId === undefined ? {} : { tenantId }) }, businessKey: null, variables: new Map() });

  async function taskOf(instanceId: string): Promise<string> {
    const [row] = await db.dataSource.query('SELECT task_definition_key FROM engine.task WHERE process_instance_id = $1', [instanceId]);
    return row.task_definition_key;
  }

  it('starts by key without looking the definition up again', async () => {
    const engine = node();
    await deploy(engine, 'first');
    await startOffer(engine);
    const counter = new StatementCounter(db.dataSource);
    const started = await startOffer(engine);
    const texts = counter.take().texts;
    expect(texts.filter((text) => text.includes('FROM ENGINE.PROCESS_DEFINITION WHERE KEY'))).toEqual([]);
    expect(await taskOf(started.instance.id)).toBe('first');
  });

  it('starts the version another node deployed meanwhile, not the one it had cached', async () => {
    const a = node();
    const b = node();
    await deploy(a, 'first');
    expect(await taskOf((await startOffer(a)).instance.id)).toBe('first');
    await deploy(b, 'second');

    const started = await startOffer(a);
    expect(await taskOf(started.instance.id)).toBe('second');
    // and from then on without a retry
    expect(await taskOf((await startOffer(a)).instance.id)).toBe('second');
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM engine.process_instance`))[0].n).toBe(3);
  });

  it('keeps tenants apart: a newer version of another tenant does not stale a tenant’s cached one', async () => {
    const a = node();
    const b = node();
    await deploy(a, 'acme-first', 'acme');
    expect(await taskOf((await startOffer(a, 'acme')).instance.id)).toBe('acme-first');
    await deploy(b, 'globex-first', 'globex');
    await deploy(b, 'globex-second', 'globex');
    expect(await taskOf((await startOffer(a, 'acme')).instance.id)).toBe('acme-first');
    await deploy(b, 'acme-second', 'acme');
    expect(await taskOf((await startOffer(a, 'acme')).instance.id)).toBe('acme-second');
  });

  it('does not start a version whose deployment another node deleted', async () => {
    const a = node();
    const b = node();
    await deploy(a, 'first');
    const second = await deploy(a, 'second');
    expect(await taskOf((await startOffer(a)).instance.id)).toBe('second');
    await b.deleteDeployment(second.deployment.id, { cascade: true });
    expect(await taskOf((await startOffer(a)).instance.id)).toBe('first');
  });
});
