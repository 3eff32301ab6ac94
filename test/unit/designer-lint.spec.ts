import { jest } from '@jest/globals';
import { BpmnModdle } from 'bpmn-moddle';
import * as minDash from 'min-dash';
import { createRequire } from 'node:module';

const camundaModdle: unknown = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json');

// bpmnlint is CommonJS and requires min-dash, which is an ES module only (the web app's bundler
// joins them; Node 20 cannot require it): it is handed the module imported here
jest.mock('min-dash', () => minDash);

interface Linter {
  lint(root: unknown): Promise<Record<string, Report[]>>;
}

// loaded by name at run time: the designer is typechecked with its own tsconfig (bundler module
// resolution, bpmnlint's untyped modules), not with the service's
const BPMNLINT = 'bpmnlint';
const LINT_CONFIG = '../../designer/src/bpmn/crm-lint/config.js';
const { Linter } = (await import(BPMNLINT)) as { Linter: new (config: unknown) => Linter };
const { lintConfig } = (await import(LINT_CONFIG)) as { lintConfig: unknown };
const KNOWN_DECISIONS = '../../designer/src/bpmn/crm-lint/known-decisions.js';
const { setKnownDecisions } = (await import(KNOWN_DECISIONS)) as {
  setKnownDecisions(update: { openIds?: ReadonlySet<string>; deployedIds?: ReadonlySet<string> | null }): void;
};

interface Report {
  id?: string;
  message: string;
  category: string;
}

/** the designer's lint run on a model, as `rule: element: message` lines (errors and warnings) */
async function lint(body: string, root = ''): Promise<string[]> {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://crm.example">
  ${root}
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
  const { rootElement, warnings, elementsById } = await new BpmnModdle({ camunda: camundaModdle }).fromXML(xml);
  expect(warnings).toEqual([]);
  connectFlows(Object.values(elementsById) as Element[]);
  const results = await new Linter(lintConfig).lint(rootElement);
  return Object.entries(results)
    .flatMap(([rule, reports]) => reports.map((r) => `${rule}: ${r.id ?? ''}: ${r.message}`))
    .filter((line) => !line.startsWith('label-required') && !line.startsWith('no-bpmndi'));
}

interface Element {
  $type: string;
  sourceRef?: { outgoing?: unknown[] };
  targetRef?: { incoming?: unknown[] };
}

/** the flows' ends know them (`incoming`, `outgoing`), as after an import in bpmn-js */
function connectFlows(elements: Element[]): void {
  for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    flow.sourceRef!.outgoing = [...(flow.sourceRef!.outgoing ?? []), flow];
    flow.targetRef!.incoming = [...(flow.targetRef!.incoming ?? []), flow];
  }
}

const ofRule = (lines: string[], rule: string) => lines.filter((line) => line.startsWith(`${rule}:`));

const flows = (...pairs: [string, string][]) => pairs.map(([from, to]) => `<bpmn:sequenceFlow id="${from}_${to}" sourceRef="${from}" targetRef="${to}"/>`).join('');

describe('designer lint: what the engine runs is not flagged', () => {
  it('passes a multiple start event (several definitions, inline and referenced) and a multiple catch event', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/><bpmn:signalEventDefinition signalRef="s"/></bpmn:startEvent>
      <bpmn:intermediateCatchEvent id="wait" parallelMultiple="true"><bpmn:messageEventDefinition messageRef="m"/><bpmn:eventDefinitionRef>t</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end"/>${flows(['start', 'wait'], ['wait', 'end'])}`,
    `<bpmn:message id="m" name="go"/><bpmn:signal id="s" name="sig"/><bpmn:timerEventDefinition id="t"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>`);
    expect(lines).toEqual([]);
  });

  it('passes a business rule task evaluating a DMN decision (camunda:decisionRef), but for the decision no open diagram has', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start"/><bpmn:businessRuleTask id="decide" camunda:decisionRef="discount" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="d"/>
      <bpmn:endEvent id="end"/>${flows(['start', 'decide'], ['decide', 'end'])}`);
    expect(lines).toEqual([`crm/known-decision: decide: Decision 'discount' is in no DMN diagram open here: open or create it (tab "+ New DMN" or "Import .dmn")`]);
  });

  it('passes a process started by an instantiating receive task, without a start event', async () => {
    const lines = await lint(`
      <bpmn:receiveTask id="order" instantiate="true" messageRef="m"/><bpmn:endEvent id="end"/>${flows(['order', 'end'])}`,
    '<bpmn:message id="m" name="order"/>');
    expect(lines).toEqual([]);
  });

  it('passes an instantiating event-based gateway without a start event', async () => {
    const lines = await lint(`
      <bpmn:eventBasedGateway id="gw" instantiate="true" eventGatewayType="Exclusive"/>
      <bpmn:intermediateCatchEvent id="a"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="b"><bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="endA"/><bpmn:endEvent id="endB"/>${flows(['gw', 'a'], ['gw', 'b'], ['a', 'endA'], ['b', 'endB'])}`,
    '<bpmn:message id="m" name="go"/><bpmn:signal id="s" name="sig"/>');
    expect(lines).toEqual([]);
  });

  it('still asks a process without any way to start for a start event', async () => {
    const lines = await lint('<bpmn:receiveTask id="order"/><bpmn:endEvent id="end"/>' + flows(['order', 'end']));
    expect(ofRule(lines, 'crm/start-event-required')).toEqual(['crm/start-event-required: p: Process is missing a start event (or an instantiating receive task or event-based gateway)']);
  });

  it('passes complex gateways, ad-hoc sub-processes and a call of a global task', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start"/>
      <bpmn:complexGateway id="split" default="split_plain"/>
      <bpmn:adHocSubProcess id="adhoc"><bpmn:userTask id="call" camunda:candidateGroups="sales"/><bpmn:task id="note"/></bpmn:adHocSubProcess>
      <bpmn:callActivity id="review" calledElement="globalReview"/>
      <bpmn:complexGateway id="join"/>
      <bpmn:endEvent id="end"/>
      ${flows(['start', 'split'], ['join', 'end'], ['adhoc', 'join'], ['review', 'join'])}
      <bpmn:sequenceFlow id="split_plain" sourceRef="split" targetRef="adhoc"/>
      <bpmn:sequenceFlow id="split_big" sourceRef="split" targetRef="review"><bpmn:conditionExpression>\${big}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    '<bpmn:globalUserTask id="globalReview"/>');
    expect(lines.filter((line) => !line.startsWith('fake-join') && !line.startsWith('crm/user-task-assignment'))).toEqual([]);
  });

  it('warns, not refuses, on conditions leaving a parallel gateway', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/><bpmn:task id="a"/><bpmn:task id="b"/><bpmn:parallelGateway id="join"/><bpmn:endEvent id="end"/>
      ${flows(['start', 'fork'], ['fork', 'b'], ['a', 'join'], ['b', 'join'], ['join', 'end'])}
      <bpmn:sequenceFlow id="fork_a" sourceRef="fork" targetRef="a"><bpmn:conditionExpression>\${x}</bpmn:conditionExpression></bpmn:sequenceFlow>`);
    expect(lines).toEqual(['crm/parallel-gateway-conditions: fork_a: A parallel gateway takes every outgoing flow: this condition is never evaluated']);
  });

  it('keeps refusing flows without a condition beside a conditional one after an exclusive gateway', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="split"/><bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>
      ${flows(['start', 'split'], ['split', 'b'])}
      <bpmn:sequenceFlow id="split_a" sourceRef="split" targetRef="a"><bpmn:conditionExpression>\${x}</bpmn:conditionExpression></bpmn:sequenceFlow>`);
    expect(lines).toEqual(['conditional-flows: split_b: Sequence flow is missing condition']);
  });
});

describe('designer lint: listeners, as the engine runs them', () => {
  const listener = (attributes: string, body = '') => `<bpmn:extensionElements><camunda:executionListener ${attributes}>${body}</camunda:executionListener></bpmn:extensionElements>`;
  const taskListener = (attributes: string) => `<bpmn:extensionElements><camunda:taskListener ${attributes}/></bpmn:extensionElements>`;

  it('passes execution listeners with an expression or a juel script, take listeners on flows, and task listeners on create, assignment and complete', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start">${listener('event="end" expression="${execution.setVariable(\'a\', 1)}"')}</bpmn:startEvent>
      <bpmn:userTask id="task" camunda:assignee="mia">
        <bpmn:extensionElements>
          <camunda:executionListener event="start"><camunda:script scriptFormat="juel">execution.setVariable('b', 2)</camunda:script></camunda:executionListener>
          <camunda:taskListener event="create" expression="\${task.addCandidateGroup('sales')}"/>
          <camunda:taskListener event="assignment" expression="\${true}"/>
          <camunda:taskListener event="complete" expression="\${true}"/>
        </bpmn:extensionElements>
      </bpmn:userTask>
      <bpmn:endEvent id="end"/>
      <bpmn:sequenceFlow id="go" sourceRef="start" targetRef="task">${listener('expression="${true}"')}</bpmn:sequenceFlow>
      ${flows(['task', 'end'])}`);
    expect(ofRule(lines, 'crm/listeners')).toEqual([]);
  });

  it('refuses what the engine refuses at deploy, naming the element', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start">${listener('event="start" class="com.example.Audit"')}</bpmn:startEvent>
      <bpmn:task id="script">${listener('event="start"', '<camunda:script scriptFormat="javascript">x</camunda:script>')}</bpmn:task>
      <bpmn:task id="noEvent">${listener('expression="${true}"')}</bpmn:task>
      <bpmn:serviceTask id="work" camunda:expression="\${true}">${taskListener('event="create" expression="${true}"')}</bpmn:serviceTask>
      <bpmn:userTask id="review" camunda:assignee="mia">${taskListener('event="update" expression="${true}"')}</bpmn:userTask>
      <bpmn:endEvent id="end"/>
      ${flows(['start', 'script'], ['script', 'noEvent'], ['noEvent', 'work'], ['work', 'review'], ['review', 'end'])}`);
    expect(ofRule(lines, 'crm/listeners')).toEqual([
      'crm/listeners: start: Listeners with a Java class or delegate expression are not supported: use an expression or a juel script',
      "crm/listeners: script: Listener script format 'javascript' is refused: use juel",
      "crm/listeners: noEvent: Listener event '(none)' is not run here: use start, end",
      'crm/listeners: work: Task listeners belong on user tasks only',
      "crm/listeners: review: Listener event 'update' is not run here: use create, assignment, complete, delete",
    ]);
  });
});

describe('designer lint: event definitions referenced with eventDefinitionRef', () => {
  it('reads them like inline ones: two message start events are not "blank"', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="byMail"><bpmn:eventDefinitionRef>mail</bpmn:eventDefinitionRef></bpmn:startEvent>
      <bpmn:startEvent id="byCall"><bpmn:eventDefinitionRef>call</bpmn:eventDefinitionRef></bpmn:startEvent>
      <bpmn:endEvent id="mailed"/><bpmn:endEvent id="called"/>${flows(['byMail', 'mailed'], ['byCall', 'called'])}`,
    '<bpmn:message id="m1" name="mail"/><bpmn:message id="m2" name="call"/><bpmn:messageEventDefinition id="mail" messageRef="m1"/><bpmn:messageEventDefinition id="call" messageRef="m2"/>');
    expect(lines).toEqual([]);
  });

  it('pairs a referenced link throw with its inline catch', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="jump"><bpmn:eventDefinitionRef>toEnd</bpmn:eventDefinitionRef></bpmn:intermediateThrowEvent>
      <bpmn:intermediateCatchEvent id="landing"><bpmn:linkEventDefinition name="end"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>
      ${flows(['start', 'jump'], ['landing', 'end'])}`,
    '<bpmn:linkEventDefinition id="toEnd" name="end"/>');
    expect(lines).toEqual([]);
  });

  it('takes a conditional start event of the process, referenced too (POST /condition starts it)', async () => {
    const lines = await lint(`<bpmn:startEvent id="start"><bpmn:eventDefinitionRef>cond</bpmn:eventDefinitionRef></bpmn:startEvent><bpmn:endEvent id="end"/>${flows(['start', 'end'])}`,
      '<bpmn:conditionalEventDefinition id="cond"><bpmn:condition>${x}</bpmn:condition></bpmn:conditionalEventDefinition>');
    expect(ofRule(lines, 'crm/supported-elements')).toEqual([]);
  });

  it('refuses a reference to an element that is not an event definition, as the engine does', async () => {
    const lines = await lint(`<bpmn:startEvent id="start"><bpmn:eventDefinitionRef>m</bpmn:eventDefinitionRef></bpmn:startEvent><bpmn:endEvent id="end"/>${flows(['start', 'end'])}`,
      '<bpmn:message id="m" name="go"/>');
    expect(lines).toEqual(["crm/event-definition-refs: start: eventDefinitionRef must name an event definition declared at the root, but 'm' is a Message"]);
  });
});

describe('designer lint: multiple events the engine refuses', () => {
  const root = '<bpmn:message id="m" name="go"/><bpmn:signal id="s" name="sig"/><bpmn:error id="e" errorCode="E"/>';

  it('refuses a parallel multiple start event of the process, also with referenced definitions', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start" parallelMultiple="true"><bpmn:messageEventDefinition messageRef="m"/><bpmn:eventDefinitionRef>sigDef</bpmn:eventDefinitionRef></bpmn:startEvent>
      <bpmn:endEvent id="end"/>${flows(['start', 'end'])}`, `${root}<bpmn:signalEventDefinition id="sigDef" signalRef="s"/>`);
    expect(lines).toEqual(['crm/multiple-events: start: The engine refuses a parallel multiple start event of a process: it would wait for triggers across instances; set parallelMultiple="false" to start on any one of them']);
  });

  it('passes a parallel multiple start event of an event sub-process', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flows(['start', 'end'])}
      <bpmn:subProcess id="onBoth" triggeredByEvent="true">
        <bpmn:startEvent id="both" parallelMultiple="true" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m"/><bpmn:signalEventDefinition signalRef="s"/></bpmn:startEvent>
        <bpmn:endEvent id="handled"/><bpmn:sequenceFlow id="f" sourceRef="both" targetRef="handled"/>
      </bpmn:subProcess>`, root);
    expect(lines).toEqual([]);
  });

  it('refuses what an event kind cannot combine, errors in a parallel multiple event, and two conditions', async () => {
    const lines = await lint(`
      <bpmn:startEvent id="start"/><bpmn:task id="work"/><bpmn:endEvent id="end"/>${flows(['start', 'work'], ['work', 'end'])}
      <bpmn:boundaryEvent id="either" attachedToRef="work" parallelMultiple="true" cancelActivity="false"><bpmn:messageEventDefinition messageRef="m"/><bpmn:errorEventDefinition errorRef="e"/></bpmn:boundaryEvent>
      <bpmn:intermediateThrowEvent id="shout"><bpmn:messageEventDefinition messageRef="m"/><bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateThrowEvent>
      <bpmn:intermediateCatchEvent id="twice"><bpmn:conditionalEventDefinition><bpmn:condition>\${a}</bpmn:condition></bpmn:conditionalEventDefinition><bpmn:conditionalEventDefinition><bpmn:condition>\${b}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="after"/>${flows(['either', 'shout'], ['shout', 'twice'], ['twice', 'after'])}`, root);
    expect(ofRule(lines, 'crm/multiple-events')).toEqual([
      'crm/multiple-events: either: A parallel multiple event may wait only for message, timer, signal, conditional definitions, but this one has error',
      'crm/multiple-events: either: A multiple event with an error definition must be interrupting',
      'crm/multiple-events: shout: A multiple intermediate throw event may combine only signal, escalation definitions, but this one has message',
      'crm/multiple-events: twice: A multiple event may hold one conditional definition, but this one has 2: join the conditions in one',
    ]);
  });
});

describe('designer lint: business rule tasks name a known decision', () => {
  const task = (ref: string) => `
    <bpmn:startEvent id="start"/><bpmn:businessRuleTask id="rate" camunda:decisionRef="${ref}"/><bpmn:endEvent id="end"/>${flows(['start', 'rate'], ['rate', 'end'])}`;

  afterEach(() => setKnownDecisions({ openIds: new Set(), deployedIds: null }));

  it('warns about a decision in no open DMN diagram, and says whether it is deployed when that is known', async () => {
    expect(ofRule(await lint(task('discount')), 'crm/known-decision')).toEqual([
      'crm/known-decision: rate: Decision \'discount\' is in no DMN diagram open here: open or create it (tab "+ New DMN" or "Import .dmn")',
    ]);
    setKnownDecisions({ deployedIds: new Set(['other']) });
    expect(ofRule(await lint(task('discount')), 'crm/known-decision')).toEqual([
      'crm/known-decision: rate: Decision \'discount\' is in no DMN diagram open here and not deployed: open or create it (tab "+ New DMN" or "Import .dmn")',
    ]);
  });

  it('passes a decision open beside the diagram or deployed, an expression, and the task is no longer refused', async () => {
    setKnownDecisions({ openIds: new Set(['discount']) });
    expect(await lint(task('discount'))).toEqual([]);
    setKnownDecisions({ openIds: new Set(), deployedIds: new Set(['discount']) });
    expect(await lint(task('discount'))).toEqual([]);
    expect(await lint(task('${decisionKey}'))).toEqual([]);
  });
});
