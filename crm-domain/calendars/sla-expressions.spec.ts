import { ExpressionGlobalTable } from '../../engine/core/expressions/expression-globals.js';
import { HOST_OBJECT, type HostObject } from '../../engine/core/expressions/host-object.js';
import { EngineHarness } from '../../engine/testing/engine-harness.js';
import { SlaExpressionFunctions } from './sla-expressions.js';
import { officeHours, type WorkingCalendar } from './working-time.js';

const calendars = new Map<string, WorkingCalendar>([['service', officeHours('UTC')], ['tokyo desk', officeHours('Asia/Tokyo')]]);

/** the `crm` object as SlaExpressions registers it, over fixed calendars */
function crmGlobals(): ExpressionGlobalTable {
  const table = new ExpressionGlobalTable();
  table.register('crm', (now): HostObject => ({
    [HOST_OBJECT]: true,
    getProperty: (name) => (name === 'sla' ? new SlaExpressionFunctions((team) => {
      const calendar = team === null ? officeHours('UTC') : calendars.get(team.toLowerCase());
      if (!calendar) throw new Error(`no team '${team}'`);
      return calendar;
    }, now) : undefined),
    callMethod: () => undefined,
  }));
  return table;
}

const model = (timeDate: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
  <bpmn:process id="wait" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="due" />
    <bpmn:intermediateCatchEvent id="due">
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${timeDate}</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="due" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('crm.sla in expressions', () => {
  const started = async (timeDate: string, variables: Record<string, unknown> = {}) => {
    const h = new EngineHarness({ expressionGlobals: crmGlobals() });
    h.clock.set('2026-12-04T19:00:00.000Z'); // a Friday evening
    await h.deploy(model(timeDate));
    const id = await h.start('wait', variables);
    return { h, id, timers: () => [...h.store.jobs.values()].filter((j) => j.processInstanceId === id).map((j) => j.dueAt.toISOString()) };
  };

  it("a timer 'in 4 working hours of team Service' on Friday 19:00 is due Monday 13:00, and fires then", async () => {
    const { h, id, timers } = await started("${crm.sla.dueIn(4, 'Service')}");
    expect(timers()).toEqual(['2026-12-07T13:00:00.000Z']);
    await h.advance(Date.parse('2026-12-07T12:59:59.000Z') - h.clock.now().getTime());
    expect(h.state(id)).toBe('ACTIVE');
    await h.advance(1000);
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('takes minutes, the team’s zone, and the default calendar without a team', async () => {
    expect((await started("${crm.sla.dueInMinutes(90, 'Service')}")).timers()).toEqual(['2026-12-07T10:30:00.000Z']);
    expect((await started("${crm.sla.dueIn(1, 'Tokyo desk')}")).timers()).toEqual(['2026-12-07T01:00:00.000Z']);
    expect((await started('${crm.sla.dueIn(2)}')).timers()).toEqual(['2026-12-07T11:00:00.000Z']);
  });

  it('a process variable named crm hides the global', async () => {
    const { timers } = await started('${crm}', { crm: '2027-01-01T00:00:00.000Z' });
    expect(timers()).toEqual(['2027-01-01T00:00:00.000Z']);
  });

  it('refuses what it cannot count: zero or negative hours, a non-number, other methods', () => {
    const sla = new SlaExpressionFunctions(() => officeHours('UTC'), () => new Date('2026-12-04T19:00:00.000Z'));
    expect(() => sla.callMethod('dueIn', [0, 'Service'])).toThrow('positive number');
    expect(() => sla.callMethod('dueIn', [-2])).toThrow('positive number');
    expect(() => sla.callMethod('dueIn', ['4'])).toThrow('positive number');
    expect(() => sla.callMethod('dueIn', [4, 7])).toThrow('team name');
    expect(() => sla.callMethod('constructor', [])).toThrow('not allowed');
    expect(() => sla.callMethod('dueIn', [])).toThrow('1 or 2 arguments');
  });
});
