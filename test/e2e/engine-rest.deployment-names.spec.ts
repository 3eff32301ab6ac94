import { expectErrorBody } from '../support/rest-client.js';
import { restApiForSpec } from '../support/test-app.js';

// HTTP round trips against a real app and database: more than jest's default 5 s under load

const named = (processName: string, taskName = 'Review the deal') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/spec">
  <process id="e2e_named" name="${processName}" isExecutable="true">
    <startEvent id="start"/>
    <userTask id="review" name="${taskName}"/>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
  </process>
</definitions>`;

/** A process deployed with a name of megabytes made the cockpit's table millions of pixels wide: names and ids end at 255 characters. */
describe('REST: deployment refuses ids and names longer than 255 characters', () => {
  const api = restApiForSpec();

  it('refuses a process name of a megabyte with a 400 naming the process, and stores nothing', async () => {
    const before = (await api.get('/process-definition/count')).body.count;
    const response = await api.deploy([{ name: 'named.bpmn', content: named('n'.repeat(1_000_000)) }], { 'deployment-name': 'long-name' });
    expectErrorBody(response, 400, 'ParseException');
    expect(response.body.message).toContain("Expected the name of the bpmn:Process 'e2e_named' to have at most 255 characters, but it has 1000000");
    expect(response.body.message.length).toBeLessThan(1000);
    expect(response.body.details['named.bpmn'].errors).toEqual([expect.objectContaining({ mainElementId: 'e2e_named', elementIds: ['e2e_named'] })]);
    expect((await api.get('/process-definition/count')).body).toEqual({ count: before });
  });

  it('refuses an element name of 256 characters, naming the element', async () => {
    const response = await api.deploy([{ name: 'named.bpmn', content: named('Deal review', 't'.repeat(256)) }]);
    expectErrorBody(response, 400, 'ParseException');
    expect(response.body.message).toContain("element 'review': Expected the name of the bpmn:UserTask 'review' to have at most 255 characters, but it has 256");
  });

  it('deploys a name of 255 characters, kept whole', async () => {
    const name = 'N'.repeat(255);
    const response = await api.deploy([{ name: 'named.bpmn', content: named(name) }]);
    expect(response.status).toBe(200);
    expect((await api.get('/process-definition/key/e2e_named')).body).toMatchObject({ name });
  });
});
