import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { deployReport, ruleHits } from '../../../testing/deploy-rules.js';

const link = (kind: 'intermediateThrowEvent' | 'intermediateCatchEvent', id: string, name = 'jump') =>
  `<${kind} id="${id}"><linkEventDefinition name="${name}"/></${kind}>`;

/** start -> toJump (throw) ... fromJump (catch) -> end, plus `extra` */
const jump = (extra = '', catchName = 'jump') => bpmn('p', `
  <startEvent id="start"/>
  ${link('intermediateThrowEvent', 'toJump')}
  ${link('intermediateCatchEvent', 'fromJump', catchName)}
  <endEvent id="end"/>
  ${flows('start', 'toJump')}
  ${flows('fromJump', 'end')}
  ${extra}`);

describe('deploy-time rules: link events (BPMN 2.0 §10.5.4)', () => {
  it('accepts a throw leading to a catch of the same name', async () => {
    expect(await deployReport(jump())).toMatchObject({ accepted: true, warnings: [] });
  });

  it('refuses a link catch event with an incoming sequence flow, naming the flow, the rule and the section', async () => {
    const report = await deployReport(jump(`<task id="before"/>${flows('start', 'before', 'fromJump')}`));
    expect(report.accepted).toBe(false);
    expect(report.errors).toContainEqual({
      elementId: 'fromJump',
      message: "Expected a link catch event to have no incoming sequence flow, but 'f_before_fromJump' enters it (BPMN 2.0 §10.5.4, rule link-catch-no-incoming)",
      rule: 'link-catch-no-incoming',
      section: '10.5.4',
    });
  });

  it('refuses a link throw event with an outgoing sequence flow', async () => {
    const report = await deployReport(jump(`<endEvent id="other"/>${flows('toJump', 'other')}`));
    expect(ruleHits(report.errors)).toEqual(['toJump: link-throw-no-outgoing']);
  });

  it('refuses a link catch event no throw of its name leads to', async () => {
    const report = await deployReport(jump(`${link('intermediateCatchEvent', 'orphan', 'elsewhere')}<endEvent id="end2"/>${flows('orphan', 'end2')}`));
    expect(ruleHits(report.errors)).toEqual(['orphan: link-catch-has-throw']);
  });

  it('refuses two link catch events of one name in a scope', async () => {
    const report = await deployReport(jump(`${link('intermediateCatchEvent', 'twin')}<endEvent id="end2"/>${flows('twin', 'end2')}`));
    expect(ruleHits(report.errors)).toEqual(['fromJump: link-target-unique']);
  });

  it('tags the existing refusal of a throw without a catch with its rule', async () => {
    const report = await deployReport(jump('', 'other'));
    expect(ruleHits(report.errors)).toEqual(expect.arrayContaining(['toJump: link-throw-has-catch', 'fromJump: link-catch-has-throw']));
  });
});
