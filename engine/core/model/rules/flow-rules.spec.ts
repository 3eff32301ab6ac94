import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { compensable } from '../../../testing/compensation-fixture.js';
import { deployReport, ruleHits } from '../../../testing/deploy-rules.js';

const condition = (id: string, source: string, target: string) =>
  `<sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><conditionExpression xsi:type="tFormalExpression">\${ok}</conditionExpression></sequenceFlow>`;

describe('deploy-time rules: sequence flows', () => {
  it('refuses an activity no flow enters in a scope with a start event (BPMN 2.0 §10.5.2); a compensation handler needs none', async () => {
    const report = await deployReport(bpmn('p', `
      <startEvent id="start"/>${compensable('book')}<task id="island"/><endEvent id="end"/>
      ${flows('start', 'book', 'end')}${flows('island', 'end')}`));
    expect(ruleHits(report.errors)).toEqual(['island: incoming-flow-required']);
    expect(report.errors[0]!.message).toBe("Expected the task to have an incoming sequence flow, since its scope 'p' has a start event, but it has none (BPMN 2.0 §10.5.2, rule incoming-flow-required)");
  });

  it('accepts boundary events, event sub-processes and compensation handlers without incoming flows', async () => {
    const report = await deployReport(bpmn('p', `
      <startEvent id="start"/>${compensable('book')}<endEvent id="end"/>
      <boundaryEvent id="late" attachedToRef="book"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <endEvent id="gaveUp"/>
      <subProcess id="onSignal" triggeredByEvent="true">
        <startEvent id="signalled"><signalEventDefinition signalRef="stop"/></startEvent><endEvent id="stopped"/>${flows('signalled', 'stopped')}
      </subProcess>
      ${flows('start', 'book', 'end')}${flows('late', 'gaveUp')}`, '<signal id="stop" name="stop"/>'));
    expect(report).toMatchObject({ accepted: true, warnings: [] });
  });

  it('leaves an instantiating receive task without incoming flow to the rules of instantiation', async () => {
    const report = await deployReport(bpmn('p', `
      <startEvent id="start"/><receiveTask id="byMail" instantiate="true" messageRef="mail"/><endEvent id="end"/>
      ${flows('start', 'end')}${flows('byMail', 'end')}`, '<message id="mail" name="mail"/>'));
    expect(ruleHits(report.errors)).not.toContain('byMail: incoming-flow-required');
  });

  it('accepts intermediate events no flow enters inside an ad-hoc sub-process: they are its enabled activities', async () => {
    const report = await deployReport(bpmn('p', `
      <startEvent id="start"/>
      <adHocSubProcess id="case">
        <task id="call"/>
        <intermediateCatchEvent id="waitADay"><timerEventDefinition><timeDuration>PT24H</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <intermediateThrowEvent id="remind"/>
        <completionCondition xsi:type="tFormalExpression">\${done}</completionCondition>
      </adHocSubProcess>
      <endEvent id="end"/>${flows('start', 'case', 'end')}`));
    expect(report.errors).toEqual([]);
    expect(report.accepted).toBe(true);
  });

  it('refuses an intermediate catch event no flow enters (BPMN 2.0 §10.5.4)', async () => {
    const report = await deployReport(bpmn('p', `
      <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
      <endEvent id="end"/>${flows('wait', 'end')}`));
    expect(ruleHits(report.errors)).toEqual(['wait: intermediate-event-flows']);
  });

  it('deploys an activity without an outgoing flow in a scope with an end event, with a warning: the path ends there, as in Camunda 7', async () => {
    const report = await deployReport(bpmn('p', `
      <startEvent id="start"/><parallelGateway id="fork"/><userTask id="deadEnd"/><endEvent id="end"/>
      ${flows('start', 'fork', 'end')}${flows('fork', 'deadEnd')}`));
    expect(report.accepted).toBe(true);
    expect(ruleHits(report.warnings)).toEqual(['deadEnd: outgoing-flow-required']);
  });

  it('refuses a condition on the only flow leaving an activity; accepts conditions on one of several (BPMN 2.0 §8.4.13)', async () => {
    const only = await deployReport(bpmn('p', `<startEvent id="start"/><task id="work"/><endEvent id="end"/>${flows('start', 'work')}${condition('maybe', 'work', 'end')}`));
    expect(ruleHits(only.errors)).toEqual(['maybe: single-conditional-flow']);
    const several = await deployReport(bpmn('p', `
      <startEvent id="start"/><task id="work"/><endEvent id="end"/><endEvent id="other"/>
      ${flows('start', 'work', 'end')}${condition('maybe', 'work', 'other')}`));
    expect(several).toMatchObject({ accepted: true, warnings: [] });
  });

  it('warns of elements no path reaches (a loop of its own), naming each', async () => {
    const report = await deployReport(bpmn('p', `
      <startEvent id="start"/><endEvent id="end"/>
      <exclusiveGateway id="spin"/><task id="round"/>
      ${flows('start', 'end')}${flows('spin', 'round', 'spin')}`));
    expect(report.accepted).toBe(true);
    expect(ruleHits(report.warnings)).toEqual(expect.arrayContaining(['spin: unreachable-element', 'round: unreachable-element']));
  });
});
