import { jest } from '@jest/globals';
import { ParseError } from '../errors/index.js';
import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { FakeDecisionModels } from '../../testing/fake-decisions.js';

const DMN = FakeDecisionModels.resource;
const one = () => [{ out: 1 }];

function harness() {
  const fake = new FakeDecisionModels().define('drd', 'a', one).define('drd', 'b', one).define('other', 'a', one).define('drd2', 'c', one);
  return new EngineHarness({ decisions: fake });
}

const deploy = (h: EngineHarness, resources: { name: string; content: string }[], options: { name?: string; changedOnly?: boolean } = {}) =>
  h.engine.deploy({ name: options.name ?? 'spec', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: options.changedOnly ?? false, resources });

const ruleTask = (ref: string, binding = '') => bpmn('p', `<startEvent id="s"/><businessRuleTask id="decide" camunda:decisionRef="${ref}" ${binding}/><endEvent id="e"/>${flows('s', 'decide', 'e')}`);

describe('deploying DMN resources', () => {
  it('versions decisions and decision requirements per key', async () => {
    const h = harness();
    await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }]);
    const second = await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }]);
    expect(second.decisionDefinitions!.map((d) => `${d.key}:${d.version}`)).toEqual(['a:2', 'b:2']);
    expect(second.decisionRequirementsDefinitions!.map((d) => `${d.key}:${d.version}`)).toEqual(['drd:2']);
    expect(second.decisionDefinitions![0]!.decisionRequirementsDefinitionId).toBe(second.decisionRequirementsDefinitions![0]!.id);
  });

  it('deploy-changed-only makes new versions of the changed DMN resources only', async () => {
    const h = harness();
    await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'c.dmn', content: DMN('drd2') }], { name: 'changed' });
    // c.dmn changed (a trailing blank), d.dmn did not; each deployment a second later (the latest by name is the previous one)
    h.clock.advance(1000);
    const next = await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'c.dmn', content: `${DMN('drd2')} ` }], { name: 'changed', changedOnly: true });
    expect(next.decisionDefinitions!.map((d) => `${d.key}:${d.version}`)).toEqual(['c:2']);
    h.clock.advance(1000);
    const unchanged = await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'c.dmn', content: `${DMN('drd2')} ` }], { name: 'changed', changedOnly: true });
    expect(unchanged.decisionDefinitions).toBeNull();
  });

  it('refuses the same decision key, or the same definitions id, twice in one deployment', async () => {
    const h = harness();
    await expect(deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'o.dmn', content: DMN('other') }])).rejects.toThrow(/decision keys to be unique.*'a' is also in 'd.dmn'/);
    await expect(deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'e.dmn', content: DMN('drd') }])).rejects.toThrow(ParseError);
    expect(h.store.decisions.definitions.size).toBe(0);
  });

  it('still refuses CMMN resources', async () => {
    await expect(deploy(harness(), [{ name: 'case.cmmn', content: '<definitions/>' }])).rejects.toThrow(/CMMN case model/);
  });

  describe('a business rule task whose decisionRef names no decision', () => {
    it('warns when neither the deployment nor an earlier one has it', async () => {
      const result = await deploy(harness(), [{ name: 'p.bpmn', content: ruleTask('a') }]);
      expect(result.warnings['p.bpmn']).toEqual([expect.objectContaining({ elementId: 'decide', rule: 'decision-ref-unresolved', message: expect.stringContaining("'a'") })]);
    });

    it('does not warn when the deployment or an earlier one has it, nor for an expression', async () => {
      const h = harness();
      expect((await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'p.bpmn', content: ruleTask('a') }])).warnings).toEqual({});
      expect((await deploy(h, [{ name: 'p.bpmn', content: ruleTask('b') }])).warnings).toEqual({});
      expect((await deploy(h, [{ name: 'p.bpmn', content: ruleTask('${which}') }])).warnings).toEqual({});
    });

    it('with binding "deployment", warns unless this deployment has it', async () => {
      const h = harness();
      await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }]);
      const result = await deploy(h, [{ name: 'p.bpmn', content: ruleTask('a', 'camunda:decisionRefBinding="deployment"') }]);
      expect(result.warnings['p.bpmn']).toEqual([expect.objectContaining({ rule: 'decision-ref-unresolved', message: expect.stringContaining('decisionRefBinding="deployment"') })]);
    });
  });
});

describe('a DMN resource before the evaluator sees it', () => {
  it('passes the XML guard: a DTD is refused without parsing', async () => {
    const fake = new FakeDecisionModels();
    const parse = jest.spyOn(fake, 'parse');
    const h = new EngineHarness({ decisions: fake });
    await expect(deploy(h, [{ name: 'bomb.dmn', content: '<!DOCTYPE x [<!ENTITY a "aaaa">]><definitions/>' }])).rejects.toThrow(/DOCTYPE/);
    expect(parse).not.toHaveBeenCalled();
  });
});

describe('the limits a DMN resource is parsed under', () => {
  it("are the engine's deployment limits, at deployment and when a stored resource is parsed again", async () => {
    const fake = new FakeDecisionModels().define('drd', 'a', one);
    const parse = jest.spyOn(fake, 'parse');
    const limits = { maxBytes: 9 * 1024 * 1024, maxElements: 40000, maxAttributes: 90000, maxElementAttributes: 120, maxDepth: 150, maxParseMs: 3000 };
    const h = new EngineHarness({ decisions: fake, limits });
    await deploy(h, [{ name: 'd.dmn', content: DMN('drd') }, { name: 'p.bpmn', content: ruleTask('a') }]);
    expect(parse).toHaveBeenCalledTimes(1);
    await h.start('p');
    expect(parse).toHaveBeenCalledTimes(2);
    for (const call of parse.mock.calls) expect(call).toEqual([DMN('drd'), 'd.dmn', expect.objectContaining({ limits })]);
  });
});

describe('a DMN resource the evaluator cannot read', () => {
  it('is refused with a ParseError naming the resource, whatever the evaluator threw', async () => {
    const h = new EngineHarness({ decisions: new FakeDecisionModels() });
    const refused = deploy(h, [{ name: 'unknown.dmn', content: DMN('nothing-defined') }]);
    await expect(refused).rejects.toThrow(ParseError);
    await expect(refused).rejects.toThrow(/resource 'unknown\.dmn'/);
  });
});
