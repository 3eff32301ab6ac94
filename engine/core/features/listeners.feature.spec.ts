import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';

/** an execution listener that appends `<tag>:<event>` to the process variable `log` */
const logs = (event: string, tag: string) =>
  `<camunda:executionListener event="${event}" expression="\${execution.setVariable('log', log.concat(' ${tag}:').concat(execution.eventName))}"/>`;
const extensions = (...items: string[]) => `<extensionElements>${items.join('')}</extensionElements>`;

async function refused(xml: string): Promise<string> {
  const h = new EngineHarness();
  const error = await h.deploy(xml).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  return (error as Error).message;
}

describe('feature: execution listeners (camunda:executionListener with an expression or a juel script)', () => {
  it('run at the process start, each element start and end, each flow taken, and the process end, in that order', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('listened', `
      ${extensions(logs('start', 'process'), logs('end', 'process'))}
      <startEvent id="start">${extensions(logs('start', 'start'), logs('end', 'start'))}</startEvent>
      <sequenceFlow id="toTask" sourceRef="start" targetRef="task">${extensions(logs('take', 'toTask'))}</sequenceFlow>
      <userTask id="task">${extensions(logs('start', 'task'), logs('end', 'task'))}</userTask>
      <sequenceFlow id="toEnd" sourceRef="task" targetRef="end">
        <extensionElements><camunda:executionListener expression="\${execution.setVariable('log', log.concat(' toEnd:').concat(execution.eventName))}"/></extensionElements>
      </sequenceFlow>
      <endEvent id="end">${extensions(logs('start', 'end'), logs('end', 'end'))}</endEvent>`));
    const id = await h.start('listened', { log: '' });
    expect(h.variable(id, 'log')).toBe(' process:start start:start start:end toTask:take task:start');
    await h.complete(id, 'task');
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.variable(id, 'log')).toBe(' process:start start:start start:end toTask:take task:start task:end toEnd:take end:start end:end process:end');
  });

  it('see the activity’s input mappings at start; run before its output mappings at end', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('mapped', `
      <startEvent id="start"/>
      <userTask id="task">
        <extensionElements>
          <camunda:inputOutput>
            <camunda:inputParameter name="doubled">\${amount * 2}</camunda:inputParameter>
            <camunda:outputParameter name="result">\${closing}</camunda:outputParameter>
          </camunda:inputOutput>
          <camunda:executionListener event="start"><camunda:script scriptFormat="juel">execution.setVariable('seenAtStart', doubled)</camunda:script></camunda:executionListener>
          <camunda:executionListener event="end"><camunda:script scriptFormat="juel">execution.setVariableLocal('closing', doubled + 1)</camunda:script></camunda:executionListener>
        </extensionElements>
      </userTask>
      <endEvent id="end"/>
      ${flows('start', 'task', 'end')}`));
    const id = await h.start('mapped', { amount: 21 });
    expect(h.variable(id, 'seenAtStart')).toBe(42);
    await h.complete(id, 'task');
    expect(h.variable(id, 'result')).toBe(43);
    expect(h.variable(id, 'closing')).toBeUndefined();
  });

  it('run for each instance of a multi-instance activity, not for the activity as a whole', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('many', `
      <startEvent id="start"/>
      <task id="each">
        ${extensions(logs('start', 'each'))}
        <multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
      </task>
      <endEvent id="end"/>
      ${flows('start', 'each', 'end')}`));
    const id = await h.start('many', { log: '' });
    expect(h.variable(id, 'log')).toBe(' each:start each:start each:start');
  });

  it('a listener that cannot be evaluated fails the command, naming the element; nothing of it is stored', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('broken', `
      <startEvent id="start"/>
      <userTask id="task">${extensions('<camunda:executionListener event="end" expression="${execution.setVariable(\'x\', missing.length)}"/>')}</userTask>
      <endEvent id="end"/>
      ${flows('start', 'task', 'end')}`));
    const id = await h.start('broken');
    await expect(h.complete(id, 'task')).rejects.toThrow(/'task'/);
    expect(h.activeElements(id)).toEqual(['task']);
    expect(h.tasks(id)).toHaveLength(1);
  });

  describe('on cancellation', () => {
    const guarded = bpmn('guarded', `
      ${extensions(logs('end', 'process'))}
      <startEvent id="start"/>
      <subProcess id="case">
        ${extensions(logs('end', 'case'))}
        <startEvent id="caseStart"/>
        <userTask id="call">
          <extensionElements>
            ${logs('end', 'call')}
            <camunda:taskListener event="delete" expression="\${task.setVariable('log', log.concat(' call:delete:').concat(task.eventName))}"/>
          </extensionElements>
        </userTask>
        <endEvent id="caseEnd"/>
        ${flows('caseStart', 'call', 'caseEnd')}
      </subProcess>
      <boundaryEvent id="timeUp" attachedToRef="case"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <endEvent id="end"/>
      <endEvent id="late"/>
      ${flows('start', 'case', 'end')}
      <sequenceFlow id="toLate" sourceRef="timeUp" targetRef="late"/>`);

    it('an interrupting boundary event runs the task’s delete listeners, then each cancelled element’s end listeners, innermost first', async () => {
      const h = new EngineHarness();
      await h.deploy(guarded);
      const id = await h.start('guarded', { log: '' });
      await h.advance(3_600_000);
      expect(h.state(id)).toBe('COMPLETED');
      expect(h.variable(id, 'log')).toBe(' call:delete:delete call:end case:end process:end');
    });

    it('deleting the instance runs them too, and the process’s end listeners; with skipCustomListeners none runs', async () => {
      const h = new EngineHarness();
      await h.deploy(guarded);
      const deleted = await h.start('guarded', { log: '' });
      await h.engine.deleteProcessInstance(deleted);
      expect(h.variable(deleted, 'log')).toBe(' call:delete:delete call:end case:end process:end');
      const skipped = await h.start('guarded', { log: '' });
      await h.engine.deleteProcessInstance(skipped, null, {}, { skipCustomListeners: true });
      expect(h.state(skipped)).toBe('EXTERNALLY_TERMINATED');
      expect(h.variable(skipped, 'log')).toBe('');
    });
  });

  describe('skipCustomListeners', () => {
    const twoTasks = bpmn('modified', `
      <startEvent id="start"/>
      <userTask id="first">${extensions(logs('start', 'first'), logs('end', 'first'))}</userTask>
      <userTask id="second">${extensions(logs('start', 'second'))}</userTask>
      <endEvent id="end"/>
      ${flows('start', 'first', 'second', 'end')}`);

    it('a modification with it starts activities without their listeners; without it they run', async () => {
      const h = new EngineHarness();
      await h.deploy(twoTasks);
      const id = await h.start('modified', { log: '' });
      await h.engine.modifyProcessInstance(id, [{ type: 'startBeforeActivity', activityId: 'second' }], {}, { skipCustomListeners: true });
      expect(h.variable(id, 'log')).toBe(' first:start');
      await h.engine.modifyProcessInstance(id, [{ type: 'startBeforeActivity', activityId: 'second' }]);
      expect(h.variable(id, 'log')).toBe(' first:start second:start');
      expect(h.activeElements(id)).toEqual(['first', 'second', 'second']);
    });

    it('a start with instructions and it runs none of the new instance’s listeners; a later command runs them again', async () => {
      const h = new EngineHarness();
      await h.deploy(twoTasks);
      const started = await h.engine.startProcessInstance({
        definition: { by: 'latest', key: 'modified' }, businessKey: null, variables: typed({ log: '' }),
        startInstructions: [{ type: 'startBeforeActivity', activityId: 'first' }], skipCustomListeners: true,
      });
      const id = started.instance.id;
      expect(h.variable(id, 'log')).toBe('');
      await h.complete(id, 'first');
      expect(h.variable(id, 'log')).toBe(' first:end second:start');
    });
  });

  it.each([
    ['a Java class', '<camunda:executionListener event="start" class="com.example.Audit"/>', /names a Java class or delegate expression/],
    ['a delegate expression', '<camunda:executionListener event="end" delegateExpression="${audit}"/>', /names a Java class or delegate expression/],
    ['a JavaScript script', '<camunda:executionListener event="start"><camunda:script scriptFormat="javascript">x = 1</camunda:script></camunda:executionListener>', /scriptFormat to be 'juel', but got 'javascript'/],
    ['a FEEL script, which could change nothing', '<camunda:executionListener event="start"><camunda:script scriptFormat="feel">1 + 1</camunda:script></camunda:executionListener>', /cannot set variables or change the task/],
    ['a script resource', '<camunda:executionListener event="start"><camunda:script scriptFormat="juel" resource="audit.juel"/></camunda:executionListener>', /camunda:resource scripts are not supported/],
    ['no event', '<camunda:executionListener expression="${true}"/>', /event to be one of 'start', 'end', but got '\(none\)'/],
    ['the event take on an activity', '<camunda:executionListener event="take" expression="${true}"/>', /event to be one of 'start', 'end', but got 'take'/],
    ['neither expression nor script', '<camunda:executionListener event="start"/>', /has neither/],
    ['injected fields', '<camunda:executionListener event="start" expression="${true}"><camunda:field name="a" stringValue="b"/></camunda:executionListener>', /camunda:field/],
    ['a bad expression', '<camunda:executionListener event="start" expression="${1 +}"/>', /Invalid expression in 'execution listener \(start\) expression'/],
    ['a task listener on a service task', '<camunda:taskListener event="create" expression="${true}"/>', /task listeners only on a user task/],
  ])('refuses at deploy %s, naming the element', async (_, listener, message) => {
    const text = await refused(bpmn('refused', `
      <startEvent id="start"/>
      <serviceTask id="work" camunda:expression="\${true}">${extensions(listener)}</serviceTask>
      <endEvent id="end"/>
      ${flows('start', 'work', 'end')}`));
    expect(text).toMatch(message);
    expect(text).toContain('work');
  });

  it('refuses at deploy a take listener naming another event, naming the flow', async () => {
    const text = await refused(bpmn('refused', `
      <startEvent id="start"/>
      <sequenceFlow id="go" sourceRef="start" targetRef="end">${extensions('<camunda:executionListener event="start" expression="${true}"/>')}</sequenceFlow>
      <endEvent id="end"/>`));
    expect(text).toMatch(/go.*event to be one of 'take', but got 'start'/s);
  });
});

describe('feature: task listeners (camunda:taskListener with an expression or a juel script)', () => {
  const approval = (listeners: string) => bpmn('approval', `
    <startEvent id="start"/>
    <userTask id="approve" camunda:candidateGroups="sales">${extensions(listeners)}</userTask>
    <endEvent id="end"/>
    ${flows('start', 'approve', 'end')}`);

  it('create: the task with all its properties, which the listener may change (assignee, candidates, priority, due date)', async () => {
    const h = new EngineHarness();
    await h.deploy(approval(`
      <camunda:taskListener event="create" expression="\${task.setAssignee(manager)}"/>
      <camunda:taskListener event="create" expression="\${task.addCandidateGroup('heads')}"/>
      <camunda:taskListener event="create"><camunda:script scriptFormat="juel">task.setPriority(amount > 1000 ? 80 : 20)</camunda:script></camunda:taskListener>
      <camunda:taskListener event="create" expression="\${task.setDueDate('2027-01-15T12:00:00.000+0000')}"/>
      <camunda:taskListener event="create" expression="\${task.setVariable('createdFor', task.taskDefinitionKey.concat('/').concat(task.eventName))}"/>`));
    const id = await h.start('approval', { manager: 'mia', amount: 5000 });
    const task = h.task(id, 'approve');
    expect(task).toMatchObject({ assignee: 'mia', candidateGroups: ['sales', 'heads'], priority: 80 });
    expect(task.due?.toISOString()).toBe('2027-01-15T12:00:00.000Z');
    expect(h.variable(id, 'createdFor')).toBe('approve/create');
    const historic = [...h.store.history.task.values()].find((t) => (t as { id: string }).id === task.id) as { assignee: string | null; priority: number };
    expect(historic).toMatchObject({ assignee: 'mia', priority: 80 });
  });

  it('assignment: after create when the task has an assignee, then on each claim, assignment or delegation to somebody else', async () => {
    const h = new EngineHarness();
    await h.deploy(approval(`
      <camunda:taskListener event="create" expression="\${task.setVariable('log', log.concat(' create:').concat(task.assignee == null ? '-' : task.assignee))}"/>
      <camunda:taskListener event="assignment" expression="\${task.setVariable('log', log.concat(' assignment:').concat(task.assignee))}"/>`));
    const unassigned = await h.start('approval', { log: '' });
    expect(h.variable(unassigned, 'log')).toBe(' create:-');
    const taskId = h.task(unassigned, 'approve').id;
    await h.engine.claimTask(taskId, 'mia');
    await h.engine.claimTask(taskId, 'mia');
    await h.engine.setTaskAssignee(taskId, null);
    await h.engine.setTaskAssignee(taskId, 'tom');
    await h.engine.delegateTask(taskId, 'ann');
    expect(h.variable(unassigned, 'log')).toBe(' create:- assignment:mia assignment:tom assignment:ann');
  });

  it('a create listener that assigns the task runs the assignment listeners once, after create', async () => {
    const h = new EngineHarness();
    await h.deploy(approval(`
      <camunda:taskListener event="create" expression="\${task.setAssignee('mia')}"/>
      <camunda:taskListener event="create" expression="\${task.setVariable('log', log.concat(' create'))}"/>
      <camunda:taskListener event="assignment" expression="\${task.setVariable('log', log.concat(' assignment:').concat(task.assignee))}"/>`));
    const id = await h.start('approval', { log: '' });
    expect(h.variable(id, 'log')).toBe(' create assignment:mia');
  });

  it('an assignment listener that assigns the task again does not run itself again', async () => {
    const h = new EngineHarness();
    await h.deploy(approval(`
      <camunda:taskListener event="assignment" expression="\${task.setAssignee(task.assignee.concat('!'))}"/>`));
    const id = await h.start('approval');
    await h.engine.claimTask(h.task(id, 'approve').id, 'mia');
    expect(h.task(id, 'approve').assignee).toBe('mia!');
  });

  it('complete: sees the completion’s variables and may write more before the task goes', async () => {
    const h = new EngineHarness();
    await h.deploy(approval(`
      <camunda:taskListener event="complete" expression="\${task.setVariable('decision', approved ? 'yes' : 'no')}"/>`));
    const id = await h.start('approval');
    await h.complete(id, 'approve', { approved: true });
    expect(h.state(id)).toBe('COMPLETED');
    expect(h.variable(id, 'decision')).toBe('yes');
  });

  it.each([
    ['update', /event to be one of 'create', 'assignment', 'complete', 'delete', but got 'update'/],
    ['timeout', /but got 'timeout'/],
  ])('refuses at deploy a task listener on %s, naming the task', async (event, message) => {
    const text = await refused(approval(`<camunda:taskListener event="${event}" expression="\${true}"/>`));
    expect(text).toMatch(message);
    expect(text).toContain('approve');
  });

  it('a task listener may not call what DelegateTask does not offer', async () => {
    const h = new EngineHarness();
    await h.deploy(approval(`<camunda:taskListener event="create" expression="\${task.complete()}"/>`));
    await expect(h.start('approval')).rejects.toThrow(/Method 'complete' is not allowed on task/);
  });
});
