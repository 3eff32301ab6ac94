import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';

/** deploys and returns the ParseError it must fail with */
async function refused(xml: string): Promise<ParseError> {
  const h = new EngineHarness();
  const error = await h.deploy(xml).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  expect(h.store.deployments.size).toBe(0);
  expect(h.store.definitions.size).toBe(0);
  return error as ParseError;
}

const issueOn = (error: ParseError, elementId: string | null) => error.issues.find((i) => i.elementId === elementId);

describe('feature: deployment validation', () => {
  it('refuses malformed XML', async () => {
    const error = await refused('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" isExecutable="true"><startEvent id="s"></process>');
    expect(error.message).toMatch(/Expected well-formed BPMN 2.0 XML/);
    expect(error.resourceName).toBe('model-0.bpmn');
  });

  it('refuses a DOCTYPE (entity expansion, XXE)', async () => {
    const xml = bpmn('p', `<startEvent id="s"/>`).replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "boom">]>');
    const error = await refused(xml);
    expect(error.message).toMatch(/Expected no DOCTYPE declaration/);
  });

  it('refuses an ENTITY declaration even without a DOCTYPE keyword', async () => {
    const error = await refused(bpmn('p', `<startEvent id="s"/>`).replace('<definitions', '<!ENTITY x SYSTEM "file:///etc/passwd">\n<definitions'));
    expect(error.message).toMatch(/Expected no ENTITY declaration/);
  });

  it('refuses a sequence flow to an element that does not exist, naming the flow', async () => {
    const error = await refused(bpmn('p', `
      <startEvent id="s"/>
      <sequenceFlow id="dangling" sourceRef="s" targetRef="nowhere"/>`));
    expect(issueOn(error, 'dangling')?.message).toMatch(/nowhere/);
  });

  it('refuses a gateway without outgoing flow, naming the gateway', async () => {
    const error = await refused(bpmn('p', `
      <startEvent id="s"/>
      <exclusiveGateway id="deadEnd"/>
      ${flows('s', 'deadEnd')}`));
    expect(issueOn(error, 'deadEnd')?.message).toBe('Expected the gateway to have at least one outgoing sequence flow, but it has none');
    expect(error.message).toMatch(/element 'deadEnd'/);
  });

  it('refuses an unsupported element (an implicit throw event, which only multi-instance behaviour may hold), naming it', async () => {
    const error = await refused(bpmn('p', `
      <startEvent id="s"/>
      <implicitThrowEvent id="implicit"/>
      <endEvent id="e"/>
      ${flows('s', 'implicit', 'e')}`));
    expect(issueOn(error, 'implicit')?.message).toMatch(/'ImplicitThrowEvent' is not supported/);
  });

  it('refuses an unsupported combination (a conditional definition in a multiple start event of the process), naming it', async () => {
    const error = await refused(bpmn('p', `
      <startEvent id="cond"><conditionalEventDefinition><condition xsi:type="tFormalExpression">\${x}</condition></conditionalEventDefinition><signalEventDefinition signalRef="s"/></startEvent>
      <endEvent id="e"/>
      ${flows('cond', 'e')}`, '<signal id="s" name="go"/>'));
    expect(issueOn(error, 'cond')?.message).toMatch(/conditional/);
  });

  it('refuses a javascript script task, naming it', async () => {
    const error = await refused(bpmn('p', `
      <startEvent id="s"/>
      <scriptTask id="js" scriptFormat="javascript"><script>execution.setVariable('x', 1)</script></scriptTask>
      ${flows('s', 'js')}`));
    expect(issueOn(error, 'js')?.message).toMatch(/Expected scriptFormat 'juel' or 'feel', but got 'javascript'/);
  });

  it('refuses an unparsable expression, naming the element that holds it', async () => {
    const error = await refused(bpmn('p', `
      <startEvent id="s"/>
      <exclusiveGateway id="g" default="other"/>
      <endEvent id="a"/><endEvent id="b"/>
      ${flows('s', 'g')}
      <sequenceFlow id="broken" sourceRef="g" targetRef="a"><conditionExpression xsi:type="tFormalExpression">\${amount &gt; }</conditionExpression></sequenceFlow>
      <sequenceFlow id="other" sourceRef="g" targetRef="b"/>`));
    expect(issueOn(error, 'broken')?.message).toMatch(/Invalid expression in 'conditionExpression'/);
  });

  it('refuses an unparsable expression in a task attribute', async () => {
    const error = await refused(bpmn('p', `
      <startEvent id="s"/>
      <userTask id="t" camunda:assignee="\${owner."/>
      ${flows('s', 't')}`));
    expect(issueOn(error, 't')?.message).toMatch(/Invalid expression in 'camunda:assignee'/);
  });

  it('refuses a file without an executable process', async () => {
    const error = await refused(bpmn('p', `<startEvent id="s"/>`).replace('isExecutable="true"', 'isExecutable="false"'));
    expect(error.issues[0]!.message).toMatch(/Expected at least one process with isExecutable="true", but none of the processes \(p\) is executable/);
  });

  it('reports every problem of a model at once', async () => {
    const error = await refused(bpmn('p', `
      <startEvent id="s"/>
      <exclusiveGateway id="g1"/>
      <scriptTask id="js" scriptFormat="groovy"><script>1</script></scriptTask>
      ${flows('s', 'g1')}
      ${flows('s', 'js')}`));
    expect(error.issues.map((i) => i.elementId).sort()).toEqual(['g1', 'js']);
  });

  describe('versions', () => {
    const v = (label: string) => bpmn('offer', `
      <startEvent id="s"/>
      <userTask id="t" name="${label}"/>
      ${flows('s', 't')}`);

    it('redeploying the same key increments the version; new starts use the latest, running ones keep theirs', async () => {
      const h = new EngineHarness();
      await h.deploy(v('first'));
      const old = await h.start('offer');
      await h.deploy(v('second'));

      const definitions = [...h.store.definitions.values()].filter((d) => d.key === 'offer').map((d) => d.version).sort();
      expect(definitions).toEqual([1, 2]);

      const fresh = await h.start('offer');
      expect(h.historicInstance(fresh)?.definitionVersion).toBe(2);
      expect(h.task(fresh, 't').name).toBe('second');
      expect(h.historicInstance(old)?.definitionVersion).toBe(1);
      expect(h.task(old, 't').name).toBe('first');

      // the old instance still runs on its own version
      await h.complete(old, 't');
      expect(h.state(old)).toBe('COMPLETED');
    });

    it('a specific version can still be started by id', async () => {
      const h = new EngineHarness();
      await h.deploy(v('first'));
      await h.deploy(v('second'));
      const first = [...h.store.definitions.values()].find((d) => d.version === 1)!;
      const started = await h.engine.startProcessInstance({ definition: { by: 'id', id: first.id }, businessKey: null, variables: new Map() });
      expect(h.task(started.instance.id, 't').name).toBe('first');
    });
  });
});
