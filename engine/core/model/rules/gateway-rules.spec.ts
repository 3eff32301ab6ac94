import { bpmn, flows } from '../../../testing/bpmn-fixture.js';
import { deployReport, ruleHits } from '../../../testing/deploy-rules.js';

/** start -> split -> a|b -> join -> end, with the given gateway attributes */
const splitJoin = (split = '', join = '', kind = 'parallelGateway') => bpmn('p', `
  <startEvent id="start"/>
  <${kind} id="split" ${split}/><task id="a"/><task id="b"/><${kind} id="join" ${join}/>
  <endEvent id="end"/>
  ${flows('start', 'split', 'a', 'join', 'end')}
  ${flows('split', 'b', 'join')}`);

describe('deploy-time rules: gateways', () => {
  it('accepts gatewayDirection that fits the flows', async () => {
    expect(await deployReport(splitJoin('gatewayDirection="Diverging"', 'gatewayDirection="Converging"'))).toMatchObject({ accepted: true, warnings: [] });
    expect((await deployReport(splitJoin('gatewayDirection="Unspecified"', ''))).accepted).toBe(true);
  });

  it('refuses gatewayDirection that contradicts the flows (BPMN 2.0 §8.4.9)', async () => {
    const report = await deployReport(splitJoin('gatewayDirection="Converging"', 'gatewayDirection="Diverging"'));
    expect(ruleHits(report.errors)).toEqual(['split: gateway-direction', 'join: gateway-direction']);
    expect(report.errors[0]!.message).toBe('Expected a gateway with gatewayDirection="Converging" to have at most one outgoing sequence flow, but it has 1 incoming and 2 outgoing sequence flows (BPMN 2.0 §8.4.9, rule gateway-direction)');
  });

  it('refuses gatewayDirection="Mixed" on a gateway that only splits', async () => {
    expect(ruleHits((await deployReport(splitJoin('gatewayDirection="Mixed"'))).errors)).toEqual(['split: gateway-direction']);
  });

  it('refuses an instantiating event-based gateway with an incoming flow (BPMN 2.0 §10.6.6)', async () => {
    const model = (instantiate: boolean) => bpmn('p', `
      <startEvent id="start"/>
      <eventBasedGateway id="wait" ${instantiate ? 'instantiate="true"' : ''}/>
      <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
      <intermediateCatchEvent id="ping"><signalEventDefinition signalRef="pingSignal"/></intermediateCatchEvent>
      <endEvent id="end"/>
      ${flows('start', 'wait', 'timeout', 'end')}
      ${flows('wait', 'ping', 'end')}`, '<signal id="pingSignal" name="ping"/>');
    expect((await deployReport(model(false))).accepted).toBe(true);
    expect(ruleHits((await deployReport(model(true))).errors)).toEqual(['wait: event-gateway-instantiate-no-incoming']);
  });

  it('warns of a gateway with one incoming and one outgoing flow', async () => {
    const report = await deployReport(bpmn('p', `<startEvent id="start"/><exclusiveGateway id="nothing"/><endEvent id="end"/>${flows('start', 'nothing', 'end')}`));
    expect(report.accepted).toBe(true);
    expect(ruleHits(report.warnings)).toEqual(['nothing: gateway-pass-through']);
  });

  it('warns of a condition on a flow leaving a parallel gateway (beside whatever validation.ts decides)', async () => {
    const report = await deployReport(bpmn('p', `
      <startEvent id="start"/><parallelGateway id="fork"/><task id="a"/><task id="b"/><parallelGateway id="join"/><endEvent id="end"/>
      <sequenceFlow id="toA" sourceRef="fork" targetRef="a"><conditionExpression xsi:type="tFormalExpression">\${x}</conditionExpression></sequenceFlow>
      ${flows('start', 'fork')}${flows('fork', 'b', 'join')}${flows('a', 'join', 'end')}`));
    expect(ruleHits(report.warnings)).toEqual(['toA: parallel-gateway-conditions']);
  });
});
