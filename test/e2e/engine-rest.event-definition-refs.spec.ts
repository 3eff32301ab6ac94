import { expectErrorBody } from '../support/rest-client.js';
import { restApiForSpec } from '../support/test-app.js';

const referencing = (definitionId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/spec">
  <signal id="s" name="e2eRecall"/>
  <signalEventDefinition id="recall" signalRef="s"/>
  <process id="e2e_refs" isExecutable="true">
    <startEvent id="start"/>
    <intermediateCatchEvent id="waitForRecall"><eventDefinitionRef>${definitionId}</eventDefinitionRef></intermediateCatchEvent>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="waitForRecall"/>
    <sequenceFlow id="f2" sourceRef="waitForRecall" targetRef="end"/>
  </process>
</definitions>`;

describe('REST: event definitions referenced with eventDefinitionRef', () => {
  const api = restApiForSpec();

  it('deploys a referenced signal definition, and the instance waits for the signal', async () => {
    const deployed = await api.deploy([{ name: 'refs.bpmn', content: referencing('recall') }]);
    expect(deployed.status).toBe(200);
    const started = await api.post('/process-definition/key/e2e_refs/start', {});
    expect(started.status).toBe(200);
    expect(started.body.ended).toBe(false);

    expect((await api.post('/signal', { name: 'e2eRecall' })).status).toBe(204);
    expect((await api.get(`/history/process-instance/${started.body.id}`)).body.state).toBe('COMPLETED');
  });

  it('refuses a reference to no element with a 400 ParseException naming the event', async () => {
    const response = await api.deploy([{ name: 'refs.bpmn', content: referencing('missingDefinition') }]);
    expectErrorBody(response, 400, 'ParseException');
    expect(response.body.message).toContain("element 'waitForRecall'");
    expect(response.body.message).toContain("'missingDefinition' does not exist");
  });

  it('refuses a reference to an element that is not an event definition with a 400 ParseException naming the event', async () => {
    const response = await api.deploy([{ name: 'refs.bpmn', content: referencing('s') }]);
    expectErrorBody(response, 400, 'ParseException');
    expect(response.body.message).toContain("element 'waitForRecall': Expected eventDefinitionRef to name an event definition declared at the root of the definitions (BPMN 2.0 section 10.4.5), but 's' is a Signal");
  });
});
