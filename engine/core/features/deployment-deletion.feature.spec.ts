import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { ConflictError, NotFoundError } from '../errors/index.js';

const waiting = (key: string, start = '<startEvent id="s"/>') => bpmn(key, `${start}<userTask id="review"/><endEvent id="e"/>${flows('s', 'review', 'e')}`);
const messageStarted = (key: string, message: string) =>
  bpmn(key, `<startEvent id="s"><messageEventDefinition messageRef="m"/></startEvent><userTask id="review"/><endEvent id="e"/>${flows('s', 'review', 'e')}`, `<message id="m" name="${message}"/>`);

const deploymentIds = (h: EngineHarness) => [...h.store.deployments.keys()];
const definitionsOf = (h: EngineHarness, key: string) => [...h.store.definitions.values()].filter((d) => d.key === key).map((d) => d.version);

// Camunda 7: DELETE /deployment/{id} refuses while instances run unless cascade=true, which deletes them and their history
describe('feature: deleting a deployment', () => {
  it('deletes a deployment without running instances, with its resources and definitions; its history stays', async () => {
    const h = new EngineHarness();
    await h.deploy(waiting('p'));
    const id = await h.start('p');
    await h.complete(id, 'review');
    const [deploymentId] = deploymentIds(h);
    await h.engine.deleteDeployment(deploymentId!, { cascade: false });
    expect(h.store.deployments.size).toBe(0);
    expect(h.store.resources.size).toBe(0);
    expect(h.store.definitions.size).toBe(0);
    expect(h.store.history.processInstance.has(id)).toBe(true);
    await expect(h.start('p')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a deployment with running instances without cascade, and changes nothing', async () => {
    const h = new EngineHarness();
    await h.deploy(waiting('p'));
    const id = await h.start('p');
    const [deploymentId] = deploymentIds(h);
    const refused = await h.engine.deleteDeployment(deploymentId!, { cascade: false }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toBe(`Expected deployment '${deploymentId}' to have no running process instances, but it has 1: delete them first, or delete the deployment with cascade=true`);
    expect(h.store.deployments.size).toBe(1);
    expect(h.activeElements(id)).toEqual(['review']);
  });

  it('with cascade, deletes the running instances, then the deployment and its instances\' history', async () => {
    const h = new EngineHarness();
    await h.deploy(waiting('p'));
    const running = await h.start('p');
    const done = await h.start('p');
    await h.complete(done, 'review');
    const [deploymentId] = deploymentIds(h);
    await h.engine.deleteDeployment(deploymentId!, { cascade: true });
    expect(h.store.instances.size).toBe(0);
    expect(h.store.tasks.size).toBe(0);
    expect(h.store.deployments.size).toBe(0);
    for (const table of Object.values(h.store.history)) expect(table.size).toBe(0);
    expect(running).not.toBe(done);
  });

  it('answers NotFoundError for an unknown deployment', async () => {
    const h = new EngineHarness();
    await expect(h.engine.deleteDeployment('nope', { cascade: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives the start events of a deleted latest version back to the version before it', async () => {
    const h = new EngineHarness();
    await h.deploy(messageStarted('p', 'go-v1'));
    await h.deploy(messageStarted('p', 'go-v2'));
    const startNames = () => [...h.store.subscriptions.values()].filter((s) => s.processInstanceId === null).map((s) => s.eventName);
    expect(startNames()).toEqual(['go-v2']);
    const latest = [...h.store.deployments.keys()][1]!;
    await h.engine.deleteDeployment(latest, { cascade: false });
    expect(definitionsOf(h, 'p')).toEqual([1]);
    expect(startNames()).toEqual(['go-v1']);
  });
});
