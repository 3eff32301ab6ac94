import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { expectErrorBody } from '../support/rest-client.js';
import { restApiForSpec } from '../support/test-app.js';

/** a link catch entered by a flow, with no throw of its name (refused), behind a gateway that does nothing (a warning) */
const broken = bpmn('e2e_rule_broken', `
  <startEvent id="start"/><exclusiveGateway id="nothing"/>
  <intermediateCatchEvent id="landing"><linkEventDefinition name="on"/></intermediateCatchEvent>
  <endEvent id="end"/>
  ${flows('start', 'nothing', 'landing', 'end')}`);

/** legal but suspicious: a service task without implementation */
const suspicious = bpmn('e2e_rule_suspicious', `<startEvent id="start"/><serviceTask id="archive"/><endEvent id="end"/>${flows('start', 'archive', 'end')}`);

describe('REST: deploy-time validation names the rule', () => {
  const api = restApiForSpec();

  it('refuses a model that breaks a rule with 400 ParseException whose details carry errors and warnings, each with rule and section', async () => {
    const response = await api.deploy([{ name: 'broken.bpmn', content: broken }], { 'deployment-name': 'rule-broken' });
    expectErrorBody(response, 400, 'ParseException', 'ENGINE_MODEL_INVALID');
    expect(response.body.message).toContain("element 'landing': Expected a link catch event to have no incoming sequence flow, but 'f_nothing_landing' enters it (BPMN 2.0 §10.5.4, rule link-catch-no-incoming)");
    const report = response.body.details['broken.bpmn'];
    expect(report.errors).toContainEqual({
      message: "Expected a link catch event to have no incoming sequence flow, but 'f_nothing_landing' enters it (BPMN 2.0 §10.5.4, rule link-catch-no-incoming)",
      line: 0, column: 0, mainElementId: 'landing', elementIds: ['landing'], rule: 'link-catch-no-incoming', section: '10.5.4',
    });
    expect(report.warnings).toContainEqual(expect.objectContaining({ mainElementId: 'nothing', elementIds: ['nothing'], rule: 'gateway-pass-through', section: '10.6' }));
    expect((await api.get('/process-definition/count', { key: 'e2e_rule_broken' })).body).toEqual({ count: 0 });
  });

  it('deploys a legal but suspicious model and answers its warnings by resource (an extension field); a clean model has none', async () => {
    const response = await api.deploy([{ name: 'suspicious.bpmn', content: suspicious }], { 'deployment-name': 'rule-suspicious' });
    expect(response.status).toBe(200);
    expect(Object.values(response.body.deployedProcessDefinitions)).toEqual([expect.objectContaining({ key: 'e2e_rule_suspicious' })]);
    expect(response.body.warnings).toEqual({
      'suspicious.bpmn': [expect.objectContaining({ mainElementId: 'archive', elementIds: ['archive'], line: 0, column: 0, rule: 'task-implementation-missing', section: '10.3.3', message: expect.stringMatching(/completes at once.*\(BPMN 2\.0 §10\.3\.3, rule task-implementation-missing\)$/) })],
    });

    const clean = await api.deploy([{ name: 'clean.bpmn', content: bpmn('e2e_rule_clean', `<startEvent id="s"/><endEvent id="e"/>${flows('s', 'e')}`) }], { 'deployment-name': 'rule-clean' });
    expect(clean.status).toBe(200);
    expect(clean.body.warnings).toEqual({});
  });
});
