import type { HistoricDecisionInstanceRecord } from '../../dmn/decision-records.js';
import { ExecutionError } from '../../errors/index.js';
import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';
import { FakeDecisionModels } from '../../../testing/fake-decisions.js';
import { dmnDocument, literalDecision } from '../../dmn/testing/dmn-builder.js';

const DMN = FakeDecisionModels.resource;

/** a process whose business rule task has these camunda attributes, then waits in a user task */
function ruleProcess(attributes: string, extra = ''): string {
  return bpmn('rules', `
    <startEvent id="start"/>
    <businessRuleTask id="decide" ${attributes}>${extra}</businessRuleTask>
    <userTask id="after"/>
    ${flows('start', 'decide', 'after')}`);
}

async function deploy(h: EngineHarness, resources: { name: string; content: string }[], name = 'spec') {
  return h.engine.deploy({ name, source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources });
}

function decisionHistory(h: EngineHarness): HistoricDecisionInstanceRecord[] {
  return [...h.store.history.decisionInstance.values()] as HistoricDecisionInstanceRecord[];
}

describe('business rule task with camunda:decisionRef', () => {
  const discount = (v: Readonly<Record<string, unknown>>) => (Number(v['amount']) >= 1000 ? [{ discount: 0.1 }] : []);

  describe('camunda:mapDecisionResult', () => {
    const twoRules = () => [{ discount: 0.1, reason: 'big' }, { discount: 0.05, reason: 'loyal' }];

    it('resultList (the default): every matched rule as a map of its outputs', async () => {
      const fake = new FakeDecisionModels().define('drd', 'discount', twoRules);
      const h = new EngineHarness({ decisions: fake });
      await deploy(h, [{ name: 'discount.dmn', content: DMN('drd') }, { name: 'rules.bpmn', content: ruleProcess('camunda:decisionRef="discount" camunda:resultVariable="result"') }]);
      const id = await h.start('rules', { amount: 5000 });
      expect(h.variable(id, 'result')).toEqual([{ discount: 0.1, reason: 'big' }, { discount: 0.05, reason: 'loyal' }]);
      expect(h.activeElements(id)).toEqual(['after']);
    });

    it('singleEntry: the one output value, null when no rule matched', async () => {
      const fake = new FakeDecisionModels().define('drd', 'discount', discount);
      const h = new EngineHarness({ decisions: fake });
      await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="discount" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="discount"') }]);
      expect(h.variable(await h.start('rules', { amount: 5000 }), 'discount')).toBe(0.1);
      expect(h.variable(await h.start('rules', { amount: 10 }), 'discount')).toBeNull();
    });

    it('singleResult: the one output map', async () => {
      const fake = new FakeDecisionModels().define('drd', 'discount', () => [{ discount: 0.1, reason: 'big' }]);
      const h = new EngineHarness({ decisions: fake });
      await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="discount" camunda:mapDecisionResult="singleResult" camunda:resultVariable="r"') }]);
      expect(h.variable(await h.start('rules'), 'r')).toEqual({ discount: 0.1, reason: 'big' });
    });

    it('collectEntries: the one output of every matched rule', async () => {
      const fake = new FakeDecisionModels().define('drd', 'discount', () => [{ discount: 0.1 }, { discount: 0.05 }]);
      const h = new EngineHarness({ decisions: fake });
      await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="discount" camunda:mapDecisionResult="collectEntries" camunda:resultVariable="r"') }]);
      expect(h.variable(await h.start('rules'), 'r')).toEqual([0.1, 0.05]);
    });

    it.each(['singleEntry', 'singleResult'])('%s with more than one matched rule fails the task (ENGINE-22001), nothing moves on', async (mapping) => {
      const fake = new FakeDecisionModels().define('drd', 'discount', twoRules);
      const h = new EngineHarness({ decisions: fake });
      await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'r.bpmn', content: ruleProcess(`camunda:decisionRef="discount" camunda:mapDecisionResult="${mapping}" camunda:resultVariable="r"`) }]);
      const started = h.engine.startProcessInstance({ definition: { by: 'latest', key: 'rules' }, businessKey: null, variables: new Map() });
      await expect(started).rejects.toThrow(ExecutionError);
      await expect(started).rejects.toThrow(/ENGINE-22001.*'decide'|'decide'.*ENGINE-22001/);
      expect(h.store.instances.size).toBe(0);
      expect(decisionHistory(h)).toEqual([]);
    });

    it('singleEntry with more than one output in the matched rule fails the task', async () => {
      const fake = new FakeDecisionModels().define('drd', 'discount', () => [{ discount: 0.1, reason: 'big' }]);
      const h = new EngineHarness({ decisions: fake });
      await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="discount" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="r"') }]);
      await expect(h.start('rules')).rejects.toThrow(/ENGINE-22001.*'discount', 'reason'/);
    });
  });

  it('evaluates on the variables visible at the task, as plain values, and sets no variable without camunda:resultVariable', async () => {
    const fake = new FakeDecisionModels().define('drd', 'discount', discount);
    const h = new EngineHarness({ decisions: fake });
    await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="discount"') }]);
    const id = await h.start('rules', { amount: 5000, customer: { tier: 'gold' } });
    expect(fake.evaluations).toEqual([{ decisionId: 'discount', variables: { amount: 5000, customer: { tier: 'gold' } } }]);
    expect(h.activeElements(id)).toEqual(['after']);
    expect([...h.store.variables.values()].map((v) => v.name).sort()).toEqual(['amount', 'customer']);
  });

  it('a decisionRef expression names the decision at run time', async () => {
    const fake = new FakeDecisionModels().define('drd', 'gold', () => [{ d: 'gold' }]).define('drd', 'silver', () => [{ d: 'silver' }]);
    const h = new EngineHarness({ decisions: fake });
    await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="${tier}" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="r"') }]);
    expect(h.variable(await h.start('rules', { tier: 'silver' }), 'r')).toBe('silver');
  });

  describe('camunda:decisionRefBinding', () => {
    /** version 1 answers 'v1' (tag 'one'), version 2 'v2' (tag 'two'), each in its own deployment */
    async function twoVersions(process: string) {
      const fake = new FakeDecisionModels().define('drd1', 'discount', () => [{ d: 'v1' }], { versionTag: 'one' }).define('drd2', 'discount', () => [{ d: 'v2' }], { versionTag: 'two' });
      const h = new EngineHarness({ decisions: fake });
      await deploy(h, [{ name: 'd.dmn', content: DMN('drd1') }, { name: 'r.bpmn', content: process }], 'first');
      await deploy(h, [{ name: 'd.dmn', content: DMN('drd2') }], 'second');
      return h;
    }
    const attrs = (binding: string) => `camunda:decisionRef="discount" ${binding} camunda:mapDecisionResult="singleEntry" camunda:resultVariable="r"`;

    it('latest (the default): the highest version of the key', async () => {
      const h = await twoVersions(ruleProcess(attrs('')));
      expect(h.variable(await h.start('rules'), 'r')).toBe('v2');
      expect([...h.store.decisions.definitions.values()].map((d) => `${d.key}:${d.version}`).sort()).toEqual(['discount:1', 'discount:2']);
    });

    it('deployment: the version deployed with the process', async () => {
      const h = await twoVersions(ruleProcess(attrs('camunda:decisionRefBinding="deployment"')));
      expect(h.variable(await h.start('rules'), 'r')).toBe('v1');
    });

    it('version: camunda:decisionRefVersion (an expression)', async () => {
      const h = await twoVersions(ruleProcess(attrs('camunda:decisionRefBinding="version" camunda:decisionRefVersion="${wanted}"')));
      expect(h.variable(await h.start('rules', { wanted: 1 }), 'r')).toBe('v1');
      expect(h.variable(await h.start('rules', { wanted: 2 }), 'r')).toBe('v2');
    });

    it('versionTag: camunda:decisionRefVersionTag', async () => {
      const h = await twoVersions(ruleProcess(attrs('camunda:decisionRefBinding="versionTag" camunda:decisionRefVersionTag="one"')));
      expect(h.variable(await h.start('rules'), 'r')).toBe('v1');
    });

    it('camunda:decisionRefTenantId: a decision of another tenant', async () => {
      const fake = new FakeDecisionModels().define('drd', 'discount', () => [{ d: 'tenant a' }]);
      const h = new EngineHarness({ decisions: fake });
      await h.engine.deploy({ name: 'a', source: null, tenantId: 'a', enableDuplicateFiltering: false, deployChangedOnly: false, resources: [{ name: 'd.dmn', content: DMN('drd') }] });
      await deploy(h, [{ name: 'r.bpmn', content: ruleProcess(attrs('')) }], 'untenanted');
      await expect(h.start('rules')).rejects.toThrow(/no decision definition 'discount'/);
      await deploy(h, [{ name: 'r.bpmn', content: ruleProcess(attrs('camunda:decisionRefTenantId="a"')) }], 'tenant a');
      expect(h.variable(await h.start('rules'), 'r')).toBe('tenant a');
    });
  });

  describe('a missing decision', () => {
    it('fails the command with an ExecutionError naming the task and the key', async () => {
      const h = new EngineHarness({ decisions: new FakeDecisionModels() });
      const deployed = await deploy(h, [{ name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="nowhere"') }]);
      const started = h.start('rules');
      await expect(started).rejects.toThrow(ExecutionError);
      await expect(started).rejects.toThrow(/'decide'.*no decision definition 'nowhere'/);
      // and the deployment warned about it
      expect(deployed.warnings['r.bpmn']).toEqual([expect.objectContaining({ elementId: 'decide', rule: 'decision-ref-unresolved' })]);
    });

    it('in an asynchronous continuation: retried, then an incident on the task', async () => {
      const h = new EngineHarness({ decisions: new FakeDecisionModels() });
      await deploy(h, [{ name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="nowhere" camunda:asyncBefore="true"') }]);
      const { instance } = await h.engine.startProcessInstance({ definition: { by: 'latest', key: 'rules' }, businessKey: null, variables: new Map() });
      for (let i = 0; i < 3; i++) await h.advance(10 * 60_000);
      const [incident] = [...h.store.incidents.values()];
      expect(incident).toMatchObject({ type: 'failedJob', activityId: 'decide', processInstanceId: instance.id });
      expect(incident!.message).toMatch(/no decision definition 'nowhere'/);
      expect(h.activeElements(instance.id)).toEqual(['decide']);
    });
  });

  it('writes a history row per evaluated decision: the root and the ones it required, with the process, activity and matched outputs', async () => {
    const fake = new FakeDecisionModels()
      .define('drd', 'tier', () => [{ tier: 'gold' }])
      .define('drd', 'discount', () => [{ discount: 0.1 }], { requires: ['tier'] });
    const h = new EngineHarness({ decisions: fake });
    await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="discount"') }]);
    const id = await h.start('rules', { amount: 5000 });
    const rows = decisionHistory(h);
    const root = rows.find((r) => r.decisionDefinitionKey === 'discount')!;
    const required = rows.find((r) => r.decisionDefinitionKey === 'tier')!;
    const task = h.activities(id).find((a) => a.activityId === 'decide')!;
    expect(rows).toHaveLength(2);
    expect(root).toMatchObject({
      processInstanceId: id, processDefinitionKey: 'rules', activityId: 'decide', activityInstanceId: task.id, rootDecisionInstanceId: null,
      decisionRequirementsDefinitionKey: 'drd', decisionDefinitionId: expect.stringMatching(/^discount:1:/),
      inputs: [expect.objectContaining({ clauseId: 'discount_in', type: 'Integer', value: 5000 })],
      outputs: [expect.objectContaining({ clauseId: 'discount_discount', ruleId: 'rule1', ruleOrder: 1, variableName: 'discount', type: 'Double', value: 0.1 })],
    });
    expect(required).toMatchObject({ rootDecisionInstanceId: root.id, decisionDefinitionId: expect.stringMatching(/^tier:1:/), processInstanceId: id });
  });

  it('without camunda:decisionRef a business rule task still runs as a service task (external topic)', async () => {
    const h = new EngineHarness({ decisions: new FakeDecisionModels() });
    await h.deploy(ruleProcess('camunda:type="external" camunda:topic="rules"'));
    const id = await h.start('rules');
    expect(h.externalTasks(id)).toEqual([expect.objectContaining({ topic: 'rules', activityId: 'decide' })]);
    await h.completeExternal(id, 'decide');
    expect(h.activeElements(id)).toEqual(['after']);
  });
});

describe('business rule task on the real evaluator', () => {
  it("FEEL's today() is the engine clock's day, not the machine's", async () => {
    const h = new EngineHarness();
    h.clock.set('2031-07-09T09:00:00.000Z');
    const dmn = dmnDocument(literalDecision({ id: 'day', variable: 'day', text: 'string(today())' }));
    await deploy(h, [{ name: 'day.dmn', content: dmn }, { name: 'r.bpmn', content: ruleProcess('camunda:decisionRef="day" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="day"') }]);
    expect(h.variable(await h.start('rules'), 'day')).toBe('2031-07-09');
  });
});
