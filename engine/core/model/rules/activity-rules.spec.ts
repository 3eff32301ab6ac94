import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { deployReport, ruleHits } from '../../../testing/deploy-rules.js';

const around = (task: string) => bpmn('p', `<startEvent id="start"/>${task}<endEvent id="end"/>${flows('start', 'work', 'end')}`);

describe('deploy-time rules: activities', () => {
  it('accepts quantities of 1 and more', async () => {
    expect(await deployReport(around('<task id="work" startQuantity="1" completionQuantity="2"/>'))).toMatchObject({ accepted: true });
  });

  it.each([['startQuantity', '0', "'0'"], ['completionQuantity', '-1', "'-1'"], ['startQuantity', 'many', 'not a number']])('refuses %s="%s" (BPMN 2.0 §10.3)', async (attribute, value, described) => {
    const report = await deployReport(around(`<task id="work" ${attribute}="${value}"/>`));
    expect(ruleHits(report.errors)).toEqual(['work: activity-quantity']);
    expect(report.errors[0]!.message).toBe(`Expected ${attribute} to be a whole number of at least 1, but it is ${described} (BPMN 2.0 §10.3, rule activity-quantity)`);
  });

  it('refuses a standard loop and multi-instance on one activity (BPMN 2.0 §10.3.8)', async () => {
    const report = await deployReport(around(`<task id="work">
      <standardLoopCharacteristics loopMaximum="3"/>
      <multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>
    </task>`));
    expect(ruleHits(report.errors)).toEqual(['work: single-loop-marker']);
  });

  it('accepts one loop marker', async () => {
    expect((await deployReport(around('<task id="work"><standardLoopCharacteristics loopMaximum="3"/></task>'))).accepted).toBe(true);
  });
});
