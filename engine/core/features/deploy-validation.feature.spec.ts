import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';
import { DefinitionGraphCache } from '../definitions/graph-cache.js';
import { MODEL_RULES } from '../model/rules/catalogue.js';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const deployOne = (h: EngineHarness, content: string) =>
  h.engine.deploy({ name: 'spec', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: [{ name: 'model.bpmn', content }] });

describe('feature: deploy-time validation names the rule', () => {
  it('a service task without implementation deploys with a warning and completes at once, like a task', async () => {
    const h = new EngineHarness();
    const result = await deployOne(h, bpmn('p', `<startEvent id="start"/><serviceTask id="archive"/><endEvent id="end"/>${flows('start', 'archive', 'end')}`));
    expect(result.warnings['model.bpmn']).toEqual([expect.objectContaining({ elementId: 'archive', rule: 'task-implementation-missing', section: '10.3.3' })]);
    const id = await h.start('p');
    expect(h.path(id)).toEqual(['start', 'archive', 'end']);
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.externalTasks(id)).toEqual([]);
  });

  it('a process without isExecutable deploys and runs, with a warning, as in Camunda 7', async () => {
    const h = new EngineHarness();
    const result = await deployOne(h, bpmn('p', `<startEvent id="start"/><userTask id="work"/><endEvent id="end"/>${flows('start', 'work', 'end')}`).replace(' isExecutable="true"', ''));
    expect(result.warnings['model.bpmn']).toEqual([expect.objectContaining({ elementId: 'p', rule: 'process-executable-unspecified' })]);
    const id = await h.start('p');
    expect(h.activeElements(id)).toEqual(['work']);
  });

  it('a valid model deploys without warnings', async () => {
    const result = await deployOne(new EngineHarness(), bpmn('p', `<startEvent id="start"/><userTask id="work"/><endEvent id="end"/>${flows('start', 'work', 'end')}`));
    expect(result.warnings).toEqual({});
  });

  it('a refusal lists every broken rule with element, rule and section, and the warnings found beside them; nothing is stored', async () => {
    const h = new EngineHarness();
    const error = await deployOne(h, bpmn('p', `
      <startEvent id="start"/><exclusiveGateway id="nothing"/><task id="work" startQuantity="0"/>
      <intermediateCatchEvent id="landing"><linkEventDefinition name="nowhere"/></intermediateCatchEvent>
      <endEvent id="end"/>
      ${flows('start', 'nothing', 'work', 'landing', 'end')}`)).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    const parseError = error as ParseError;
    expect(parseError.issues.map((i) => `${i.elementId}: ${i.rule} §${i.section}`)).toEqual(expect.arrayContaining([
      'landing: link-catch-no-incoming §10.5.4',
      'landing: link-catch-has-throw §10.5.4',
      'work: activity-quantity §10.3',
    ]));
    expect(parseError.warnings.map((w) => `${w.elementId}: ${w.rule}`)).toContain('nothing: gateway-pass-through');
    expect(parseError.message).toContain("element 'landing': Expected a link catch event to have no incoming sequence flow, but 'f_work_landing' enters it (BPMN 2.0 §10.5.4, rule link-catch-no-incoming)");
    expect(h.store.definitions.size).toBe(0);
  });

  it('a stored model is read back without the deploy-time rules (deployed before a rule existed, it still runs)', async () => {
    const cache = new DefinitionGraphCache();
    const stored = bpmn('p', `<startEvent id="start"/><task id="work" startQuantity="0"/><endEvent id="end"/>${flows('start', 'work', 'end')}`);
    const record = { id: 'p:1:x', key: 'p', resourceName: 'model.bpmn' } as Parameters<DefinitionGraphCache['resolve']>[0];
    await expect(cache.resolve(record, async () => stored)).resolves.toMatchObject({ graph: { id: 'p' } });
  });

  it('every rule of the catalogue has a unique id and is listed in the README with its section and severity', () => {
    const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'README.md'), 'utf8');
    expect(new Set(MODEL_RULES.map((r) => r.id)).size).toBe(MODEL_RULES.length);
    for (const rule of MODEL_RULES) {
      expect(readme).toMatch(new RegExp(`\\| \`${rule.id}\` \\|[^\\n]*\\| §${rule.section.replaceAll('.', '\\.')} \\| ${rule.severity} \\|`));
    }
  });
});
