import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { deployReport, ruleHits } from '../../../testing/deploy-rules.js';

const ROOTS = '<error id="failure" errorCode="FAILED"/><escalation id="late" escalationCode="LATE"/><message id="note" name="note"/>';

const withEventSubProcess = (start: string) => bpmn('p', `
  <startEvent id="start"/><userTask id="work"/><endEvent id="end"/>
  ${flows('start', 'work', 'end')}
  <subProcess id="handler" triggeredByEvent="true">
    ${start}<endEvent id="handled"/>${flows('catcher', 'handled')}
  </subProcess>`, ROOTS);

describe('deploy-time rules: start events (BPMN 2.0 §10.5.2)', () => {
  it('accepts error and escalation start events in an event sub-process, a non-interrupting escalation one too', async () => {
    expect((await deployReport(withEventSubProcess('<startEvent id="catcher"><errorEventDefinition errorRef="failure"/></startEvent>'))).accepted).toBe(true);
    expect((await deployReport(withEventSubProcess('<startEvent id="catcher" isInterrupting="false"><escalationEventDefinition escalationRef="late"/></startEvent>'))).accepted).toBe(true);
  });

  it.each(['errorEventDefinition errorRef="failure"', 'escalationEventDefinition escalationRef="late"'])('refuses a process started by <%s/>', async (definition) => {
    const report = await deployReport(bpmn('p', `<startEvent id="start"><${definition}/></startEvent><endEvent id="end"/>${flows('start', 'end')}`, ROOTS));
    expect(ruleHits(report.errors)).toEqual(['start: start-trigger-in-event-sub-process']);
    expect(report.errors[0]!.message).toMatch(/^Expected an? (error|escalation) start event only in an event sub-process, but it starts the process 'p' \(BPMN 2\.0 §10\.5\.2/);
  });

  it('refuses a non-interrupting error start event', async () => {
    const report = await deployReport(withEventSubProcess('<startEvent id="catcher" isInterrupting="false"><errorEventDefinition errorRef="failure"/></startEvent>'));
    expect(ruleHits(report.errors)).toEqual(['catcher: error-start-interrupting']);
  });
});

describe('deploy-time rules: what a throw event must reference (BPMN 2.0 §10.5.5)', () => {
  const throwing = (definition: string) => bpmn('p', `
    <startEvent id="start"/><intermediateThrowEvent id="raise">${definition}</intermediateThrowEvent><endEvent id="end"/>
    ${flows('start', 'raise', 'end')}`, ROOTS);

  it('accepts an escalation throw with its escalation and a message throw with its message', async () => {
    expect(await deployReport(throwing('<escalationEventDefinition escalationRef="late"/>'))).toMatchObject({ accepted: true, warnings: [] });
    expect(await deployReport(throwing('<messageEventDefinition messageRef="note"/>'))).toMatchObject({ accepted: true, warnings: [] });
  });

  it('refuses an escalation throw without escalationRef', async () => {
    expect(ruleHits((await deployReport(throwing('<escalationEventDefinition/>'))).errors)).toEqual(['raise: escalation-throw-reference']);
  });

  it('refuses an error end event without errorRef, with its rule', async () => {
    const report = await deployReport(bpmn('p', `<startEvent id="start"/><endEvent id="fail"><errorEventDefinition/></endEvent>${flows('start', 'fail')}`));
    expect(ruleHits(report.errors)).toEqual(['fail: error-throw-reference']);
  });

  it('deploys a message throw with neither message nor worker, with a warning: it sends nothing', async () => {
    const report = await deployReport(throwing('<messageEventDefinition/>'));
    expect(report.accepted).toBe(true);
    expect(ruleHits(report.warnings)).toEqual(['raise: message-throw-without-message']);
  });
});
