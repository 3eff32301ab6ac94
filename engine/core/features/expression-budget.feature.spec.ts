import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness, typed } from '../../testing/engine-harness.js';
import { ExecutionError } from '../errors/index.js';
import { EXPRESSION_LIMITS } from '../expressions/limits.js';

const budgetModel = (async: boolean) => bpmn('p', `
  <startEvent id="start"/>
  <scriptTask id="compute" scriptFormat="feel" camunda:resultVariable="result" camunda:asyncBefore="${async}"><script>count(for x in 1..n, y in 1..n return 1)</script></scriptTask>
  <userTask id="after"/>
  ${flows('start', 'compute', 'after')}`);

/** an expression over its budget fails the way any failing expression does */
describe('feature: expression budget overruns', () => {
  it('fail the command that evaluates them, naming the element, and change nothing', async () => {
    const h = new EngineHarness();
    await h.deploy(budgetModel(false));
    const error = await h.engine.startProcessInstance({ definition: { by: 'latest', key: 'p' }, businessKey: null, variables: typed({ n: 1000 }) }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionError);
    expect((error as ExecutionError).message).toContain("Could not evaluate 'compute'");
    expect((error as ExecutionError).message).toContain(`within ${EXPRESSION_LIMITS.maxSteps} steps`);
    expect(h.store.history.processInstance.size).toBe(0);
  });

  it('fail a job, which is retried and then becomes an incident', async () => {
    const h = new EngineHarness();
    await h.deploy(budgetModel(true));
    const started = await h.engine.startProcessInstance({ definition: { by: 'latest', key: 'p' }, businessKey: null, variables: typed({ n: 1000 }) });
    for (let attempt = 0; attempt < 3; attempt++) await h.runDueJobs();
    const [incident] = [...h.store.incidents.values()];
    expect(incident).toMatchObject({ type: 'failedJob', activityId: 'compute', processInstanceId: started.instance.id });
    expect(incident!.message).toContain(`within ${EXPRESSION_LIMITS.maxSteps} steps`);
  });
});
