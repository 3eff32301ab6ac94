import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../../testing/engine-harness.js';

describe('plain and manual tasks', () => {
  it.each([['task'], ['manualTask']])('a %s passes the token straight on', async (kind) => {
    // given a process start -> <kind> -> end
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <${kind} id="call" name="Call the customer"/>
      <endEvent id="end"/>
      ${flows('start', 'call', 'end')}`));

    // when it starts
    const id = await h.start('p');

    // then the task was passed, recorded in history with its type, and the instance completed
    expect(h.path(id)).toEqual(['start', 'call', 'end']);
    const call = h.activities(id).find((a) => a.activityId === 'call')!;
    expect(call.activityType).toBe(kind);
    expect(call.activityName).toBe('Call the customer');
    expect(call.endTime).not.toBeNull();
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('applies its input and output mappings on the way', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <task id="prepare">
        <extensionElements><camunda:inputOutput>
          <camunda:inputParameter name="net">\${gross / 1.2}</camunda:inputParameter>
          <camunda:outputParameter name="netAmount">\${net}</camunda:outputParameter>
        </camunda:inputOutput></extensionElements>
      </task>
      <userTask id="after"/>
      ${flows('start', 'prepare', 'after')}`));
    const id = await h.start('p', { gross: 120 });
    expect(h.variable(id, 'netAmount')).toBe(100);
    // the input parameter was local to the task
    expect(h.variable(id, 'net')).toBeUndefined();
  });
});
