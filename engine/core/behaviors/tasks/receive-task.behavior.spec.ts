import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../../testing/engine-harness.js';

const model = bpmn('contract', `
  <startEvent id="start"/>
  <receiveTask id="awaitSignature" messageRef="m"/>
  <userTask id="countersign"/>
  ${flows('start', 'awaitSignature', 'countersign')}`, `<message id="m" name="contractSigned"/>`);

describe('receive task', () => {
  it('waits for its message and continues when it is correlated', async () => {
    // given an instance waiting in a receive task
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('contract', {}, 'deal-1');
    expect(h.activeElements(id)).toEqual(['awaitSignature']);
    expect([...h.store.subscriptions.values()].map((s) => [s.type, s.eventName, s.activityId])).toEqual([['message', 'contractSigned', 'awaitSignature']]);

    // when the message arrives for its business key, with a variable
    const [result] = await h.engine.correlateMessage({
      messageName: 'contractSigned', businessKey: 'deal-1', processVariables: typed({ signedBy: 'ACME' }), processVariablesLocal: new Map(), all: false,
    });

    // then the receive task completed, the variable is set and the subscription is gone
    expect(result!.resultType).toBe('Execution');
    expect(result!.instance.id).toBe(id);
    expect(h.activeElements(id)).toEqual(['countersign']);
    expect(h.variable(id, 'signedBy')).toBe('ACME');
    expect(h.store.subscriptions.size).toBe(0);
  });

  it('ignores a message for another business key', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('contract', {}, 'deal-1');
    await expect(h.engine.correlateMessage({ messageName: 'contractSigned', businessKey: 'deal-2', processVariables: new Map(), processVariablesLocal: new Map(), all: false }))
      .rejects.toThrow(/No process definition or execution matches/);
    expect(h.activeElements(id)).toEqual(['awaitSignature']);
  });
});
