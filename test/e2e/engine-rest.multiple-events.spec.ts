import { expectErrorBody } from '../support/rest-client.js';
import { restApiForSpec } from '../support/test-app.js';

const model = (parallelMultiple: boolean, where: 'catch' | 'start') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/spec">
  <message id="m" name="e2eDocumentsReceived"/>
  <signal id="s" name="e2eAuditDone"/>
  <process id="e2e_multiple" isExecutable="true">
    ${where === 'catch' ? '<startEvent id="start"/>' : `<startEvent id="start" parallelMultiple="${parallelMultiple}"><messageEventDefinition messageRef="m"/><signalEventDefinition signalRef="s"/></startEvent>`}
    <intermediateCatchEvent id="wait" parallelMultiple="${parallelMultiple}">
      <messageEventDefinition messageRef="m"/>
      <timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition>
    </intermediateCatchEvent>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
  </process>
</definitions>`;

describe('REST: multiple events', () => {
  const api = restApiForSpec();

  it('POST /message correlates to a multiple catch event (message or timer), and its timer job goes', async () => {
    expect((await api.deploy([{ name: 'multiple.bpmn', content: model(false, 'catch') }])).status).toBe(200);
    const started = await api.post('/process-definition/key/e2e_multiple/start', { businessKey: 'e2e-multiple-1' });
    expect(started.status).toBe(200);
    expect((await api.get(`/job?processInstanceId=${started.body.id}`)).body).toHaveLength(1);

    const correlated = await api.post('/message', { messageName: 'e2eDocumentsReceived', businessKey: 'e2e-multiple-1' });

    expect(correlated.status).toBe(204);
    expect((await api.get(`/history/process-instance/${started.body.id}`)).body.state).toBe('COMPLETED');
    expect((await api.get(`/job?processInstanceId=${started.body.id}`)).body).toEqual([]);
    const waits = (await api.get(`/history/activity-instance?processInstanceId=${started.body.id}&activityId=wait`)).body;
    expect(waits).toHaveLength(1);
    expect(waits[0].activityType).toBe('intermediateMultipleCatch');
  });

  it('a parallel multiple catch event (message and timer) waits for both: the message first, then the timer job', async () => {
    expect((await api.deploy([{ name: 'multiple.bpmn', content: model(true, 'catch') }])).status).toBe(200);
    const started = await api.post('/process-definition/key/e2e_multiple/start', { businessKey: 'e2e-multiple-2' });

    expect((await api.post('/message', { messageName: 'e2eDocumentsReceived', businessKey: 'e2e-multiple-2' })).status).toBe(204);
    expect((await api.get(`/history/process-instance/${started.body.id}`)).body.state).toBe('ACTIVE');
    const [timer] = (await api.get(`/job?processInstanceId=${started.body.id}`)).body;

    expect((await api.post(`/job/${timer.id}/execute`, {})).status).toBe(204);
    expect((await api.get(`/history/process-instance/${started.body.id}`)).body.state).toBe('COMPLETED');
  });

  it('refuses a parallel multiple start event of a process with a 400 ParseException naming the event and the rule', async () => {
    const response = await api.deploy([{ name: 'multiple.bpmn', content: model(true, 'start') }]);
    expectErrorBody(response, 400, 'ParseException');
    expect(response.body.message).toContain("element 'start': Expected a parallel multiple start event only in an event sub-process");
  });
});
