import { bpmn } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';

/** element ids become keys of instance state: the names every JS object inherits must work like any other */
describe('feature: element ids named like object internals', () => {
  it('joins a parallel gateway whose incoming flows are named constructor and toString', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('p', `
      <startEvent id="start"/>
      <parallelGateway id="valueOf"/>
      <userTask id="hasOwnProperty"/>
      <userTask id="isPrototypeOf"/>
      <parallelGateway id="join"/>
      <endEvent id="end"/>
      <sequenceFlow id="f0" sourceRef="start" targetRef="valueOf"/>
      <sequenceFlow id="f1" sourceRef="valueOf" targetRef="hasOwnProperty"/>
      <sequenceFlow id="f2" sourceRef="valueOf" targetRef="isPrototypeOf"/>
      <sequenceFlow id="constructor" sourceRef="hasOwnProperty" targetRef="join"/>
      <sequenceFlow id="toString" sourceRef="isPrototypeOf" targetRef="join"/>
      <sequenceFlow id="f5" sourceRef="join" targetRef="end"/>`));
    const id = await h.start('p');
    await h.complete(id, 'hasOwnProperty');
    expect(h.state(id)).toBe('ACTIVE');
    await h.complete(id, 'isPrototypeOf');
    expect(h.state(id)).toBe('COMPLETED');
  });

  it('refuses __proto__ as an element id', async () => {
    const h = new EngineHarness();
    const error = await h.deploy(bpmn('p', '<startEvent id="__proto__"/>')).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toContain("Expected element ids other than '__proto__'");
  });
});
