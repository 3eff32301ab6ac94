import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';

describe('process instance modification (moving tokens)', () => {
  const model = bpmn('approval', `
    <startEvent id="start"/>
    <userTask id="manager"/>
    <userTask id="head"/>
    <userTask id="director"/>
    <endEvent id="end"/>
    ${flows('start', 'manager', 'head', 'director', 'end')}`);

  it('moves a token: cancels the manager step and starts the director step', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval');
    await h.engine.modifyProcessInstance(id, [
      { type: 'cancel', activityId: 'manager' },
      { type: 'startBeforeActivity', activityId: 'director' },
    ]);
    expect(h.activeElements(id)).toEqual(['director']);
    expect(h.activities(id).find((a) => a.activityId === 'manager')?.canceled).toBe(true);
    await h.complete(id, 'director');
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.path(id)).not.toContain('head');
  });

  it('starts after an activity and through a transition, with variables', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval');
    await h.engine.modifyProcessInstance(id, [{ type: 'startAfterActivity', activityId: 'head', variables: new Map([['note', { type: 'String', value: 'skip' }]]) }]);
    expect(h.activeElements(id)).toEqual(['director', 'manager']);
    expect(h.variable(id, 'note')).toBe('skip');
    await h.engine.modifyProcessInstance(id, [{ type: 'startTransition', transitionId: 'f_manager_head' }]);
    expect(h.activeElements(id)).toEqual(['director', 'head', 'manager']);
  });

  it('ends the instance as externally terminated when its last token is cancelled', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval');
    await h.engine.modifyProcessInstance(id, [{ type: 'cancel', activityId: 'manager' }]);
    expect(h.state(id)).toBe('EXTERNALLY_TERMINATED');
  });

  it('refuses unknown elements, flows and activity instances and changes nothing', async () => {
    const h = new EngineHarness();
    await h.deploy(model);
    const id = await h.start('approval');
    await expect(h.engine.modifyProcessInstance(id, [{ type: 'startBeforeActivity', activityId: 'nope' }])).rejects.toThrow(/no element 'nope'/);
    await expect(h.engine.modifyProcessInstance(id, [{ type: 'startTransition', transitionId: 'nope' }])).rejects.toThrow(/no sequence flow 'nope'/);
    await expect(h.engine.modifyProcessInstance(id, [{ type: 'cancel', activityInstanceId: 'missing' }])).rejects.toThrow(/no active activity instance/);
    await expect(h.engine.modifyProcessInstance(id, [
      { type: 'cancel', activityId: 'manager' },
      { type: 'startBeforeActivity', activityId: 'nope' },
    ])).rejects.toThrow(/no element/);
    expect(h.activeElements(id)).toEqual(['manager']);
  });
});
