import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';
import { EXPRESSION_LIMITS } from '../expressions/limits.js';
import { DEFAULT_XML_LIMITS } from '../model/xml-guard.js';

/** deploys the resources and returns the ParseError it must fail with; nothing may be stored */
async function refused(resources: Record<string, string>, h = new EngineHarness()): Promise<ParseError> {
  const started = performance.now();
  const error = await h.engine
    .deploy({ name: 'limits', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: Object.entries(resources).map(([name, content]) => ({ name, content })) })
    .then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  // refused at once rather than after a slow parse; the bound is loose so a busy machine cannot fail it
  expect(performance.now() - started).toBeLessThan(15_000);
  expect(h.store.deployments.size).toBe(0);
  expect(h.store.definitions.size).toBe(0);
  return error as ParseError;
}

const model = (attributes = '', inner = '') => bpmn('limits', `<startEvent id="start"${attributes}/>${inner}<endEvent id="end"/>${flows('start', 'end')}`);
const attributes = (count: number) => Array.from({ length: count }, (_, i) => ` a${i}="x"`).join('');

describe('feature: deployment limits', () => {
  it('refuses 200,000 attributes on one element before the XML parser sees them', async () => {
    const error = await refused({ 'wide.bpmn': model(attributes(200_000)) });
    expect(error.message).toContain(`Expected at most ${DEFAULT_XML_LIMITS.maxElementAttributes} attributes on an element, but element 3 (startEvent) has 200001`);
  });

  it('refuses more attributes in the whole document than the limit', async () => {
    const tasks = Array.from({ length: 600 }, (_, i) => `<task id="t${i}"${attributes(90)}/>`).join('');
    const error = await refused({ 'many.bpmn': model('', tasks) });
    expect(error.message).toContain(`Expected at most ${DEFAULT_XML_LIMITS.maxAttributes} XML attributes, but the document has more`);
  });

  it('refuses elements nested deeper than the limit', async () => {
    const depth = 100_000;
    const deep = `<extensionElements>${'<x:a xmlns:x="urn:x">'.repeat(depth)}${'</x:a>'.repeat(depth)}</extensionElements>`;
    const error = await refused({ 'deep.bpmn': bpmn('limits', `<startEvent id="start">${deep}</startEvent>`) });
    expect(error.message).toContain(`Expected XML elements nested at most ${DEFAULT_XML_LIMITS.maxDepth} deep`);
  });

  it('counts neither comments nor quoted text as elements or attributes', async () => {
    const h = new EngineHarness();
    await h.deploy(model(' name="a=b &lt;c d=e&gt;"', `<!-- <x a="1" b="2"/> ${'<y/>'.repeat(30_000)} -->`));
    expect(h.store.definitions.size).toBe(1);
  });

  it('refuses a model whose parsing took longer than the limit', async () => {
    let now = 0;
    const h = new EngineHarness({ monotonicMs: () => (now += 1500), limits: { ...DEFAULT_XML_LIMITS, maxParseMs: 1000 } });
    const error = await refused({ 'slow.bpmn': model() }, h);
    expect(error.message).toContain('Expected the XML to be read within 1000 ms, but it took 1500 ms');
  });

  it('refuses a form nested deeper than the limit', async () => {
    const deepForm = `{"id": "f", "components": [${'['.repeat(10_000)}${']'.repeat(10_000)}]}`;
    const error = await refused({ 'deep.form': deepForm, 'p.bpmn': model() });
    expect(error.message).toContain(`Expected the form's JSON nested at most ${DEFAULT_XML_LIMITS.maxDepth} deep`);
  });

  it('refuses a start event whose expression exceeds the evaluation budget at deployment, naming it', async () => {
    const xml = bpmn('limits', `
      <startEvent id="onOrder"><messageEventDefinition messageRef="order"/></startEvent>
      <endEvent id="end"/>${flows('onOrder', 'end')}`).replace('</definitions>', '<message id="order" name="=string(count(for a in 1..1000, b in 1..1000 return 1))"/></definitions>');
    const error = await refused({ 'message.bpmn': xml });
    expect(error.issues[0]?.elementId).toBe('onOrder');
    expect(error.message).toContain(`within ${EXPRESSION_LIMITS.maxSteps} steps`);
  });

  it('refuses an expression longer than the limit, naming the element', async () => {
    const long = `\${'${'x'.repeat(EXPRESSION_LIMITS.maxSourceLength)}'}`;
    const error = await refused({ 'long.bpmn': bpmn('limits', `<startEvent id="start"/><userTask id="review" camunda:assignee="${long}"/><endEvent id="end"/>${flows('start', 'review', 'end')}`) });
    expect(error.issues[0]?.elementId).toBe('review');
    expect(error.message).toContain(`an expression of at most ${EXPRESSION_LIMITS.maxSourceLength} characters`);
  });
});
