import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { deployReport, ruleHits } from '../../../testing/deploy-rules.js';

const definitions = (content: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://example.com/spec">${content}</definitions>`;

const process = (id: string, attributes: string, prefix = id) => `<process id="${id}" ${attributes}>
  <startEvent id="${prefix}_start"/><task id="${prefix}_work"/><endEvent id="${prefix}_end"/>
  ${flows(`${prefix}_start`, `${prefix}_work`, `${prefix}_end`)}
</process>`;

describe('deploy-time rules: processes and collaborations', () => {
  it('deploys a process without isExecutable as executable, with a warning (Camunda 7, ENGINE-01011)', async () => {
    const report = await deployReport(definitions(process('p', '')));
    expect(report.accepted).toBe(true);
    expect(ruleHits(report.warnings)).toEqual(['p: process-executable-unspecified']);
  });

  it('refuses a file whose every process is isExecutable="false", with the rule', async () => {
    const report = await deployReport(definitions(process('p', 'isExecutable="false"')));
    expect(report.errors).toEqual([{
      elementId: null,
      message: 'Expected at least one process with isExecutable="true", but none of the processes (p) is executable (BPMN 2.0 §10.2, rule process-executable)',
      rule: 'process-executable',
      section: '10.2',
    }]);
  });

  it('refuses an executable public process; a public one that does not say is not deployed', async () => {
    expect(ruleHits((await deployReport(definitions(process('p', 'processType="Public" isExecutable="true"')))).errors)).toEqual(['p: public-process-not-executable']);
    const undecided = await deployReport(definitions(`${process('p', 'processType="Public"')}${process('q', 'isExecutable="true"')}`));
    expect(undecided).toMatchObject({ accepted: true, warnings: [] });
  });

  it('refuses a message flow inside one pool, accepts one between pools (BPMN 2.0 §9.3)', async () => {
    const collaboration = (target: string) => definitions(`
      <collaboration id="c">
        <participant id="crm" processRef="p"/><participant id="customer" processRef="q"/>
        <messageFlow id="letter" sourceRef="p_work" targetRef="${target}"/>
      </collaboration>
      ${process('p', 'isExecutable="true"')}${process('q', 'isExecutable="false"')}`);
    expect((await deployReport(collaboration('customer'))).accepted).toBe(true);
    expect((await deployReport(collaboration('q_work'))).accepted).toBe(true);
    const report = await deployReport(collaboration('p_end'));
    expect(ruleHits(report.errors)).toEqual(['letter: message-flow-between-pools']);
  });

  it('refuses references to elements of the wrong type, naming the referring element', async () => {
    const report = await deployReport(bpmn('p', `
      <startEvent id="start"/><task id="work"/><endEvent id="fail"><errorEventDefinition errorRef="note"/></endEvent>
      ${flows('start', 'work', 'fail')}`, '<message id="note" name="note"/>'));
    expect(report.errors).toContainEqual(expect.objectContaining({
      elementId: 'fail', rule: 'reference-type', section: '10.5.5',
      message: "Expected 'errorRef' to name an Error, but 'note' is a Message (BPMN 2.0 §10.5.5, rule reference-type)",
    }));
    const gateway = await deployReport(bpmn('p', `
      <startEvent id="start"/><exclusiveGateway id="choose" default="end"/><endEvent id="end"/><endEvent id="other"/>
      ${flows('start', 'choose', 'end')}${flows('choose', 'other')}`));
    expect(ruleHits(gateway.errors)).toContain('choose: reference-type');
  });
});
