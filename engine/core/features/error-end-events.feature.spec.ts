import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';

/** a sub-process ending in an error end event that references `errorRef` (or none), with a catch-all boundary */
const model = (errorEventDefinition: string, errors: string) => bpmn('p', `
  <startEvent id="s"/>
  <subProcess id="sub">
    <startEvent id="subStart"/>
    <endEvent id="failed">${errorEventDefinition}</endEvent>
    ${flows('subStart', 'failed')}
  </subProcess>
  <boundaryEvent id="anyError" attachedToRef="sub"><errorEventDefinition camunda:errorCodeVariable="caughtCode"/></boundaryEvent>
  <userTask id="handle"/>
  <endEvent id="e"/>
  ${flows('s', 'sub', 'e')}
  ${flows('anyError', 'handle')}`, errors);

async function refusedOn(xml: string, elementId: string): Promise<string> {
  const h = new EngineHarness();
  const error = await h.deploy(xml).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  expect(h.store.definitions.size).toBe(0);
  const issue = (error as ParseError).issues.find((i) => i.elementId === elementId);
  expect(issue).toBeDefined();
  return issue!.message;
}

// Camunda 7 refuses an error end event without an error code at deployment (BpmnParse: "'errorRef'
// attribute is mandatory on error end event", "'errorCode' is mandatory on errors referenced by
// throwing error event definitions"), naming the end event; so does this engine.
describe('feature: error end events need an error with a code, as in Camunda 7', () => {
  it('refuses an error end event without errorRef, naming the end event', async () => {
    expect(await refusedOn(model('<errorEventDefinition/>', ''), 'failed'))
      .toBe('Expected the error end event to reference an error (errorRef), but it references none (Camunda 7 requires one) (BPMN 2.0 §10.5.5, rule error-throw-reference)');
  });

  it('refuses an error end event whose error has no errorCode, naming the end event and the error', async () => {
    expect(await refusedOn(model('<errorEventDefinition errorRef="noCode"/>', '<error id="noCode" name="Error_0abc"/>'), 'failed'))
      .toBe("Expected the error 'noCode' thrown by the error end event to have an errorCode, but it has none (Camunda 7 requires one)");
    expect(await refusedOn(model('<errorEventDefinition errorRef="emptyCode"/>', '<error id="emptyCode" errorCode=""/>'), 'failed'))
      .toMatch(/error 'emptyCode' .* to have an errorCode/);
  });

  it('still takes a catching error event without a code as a catch-all: it catches an error end event with a code', async () => {
    const h = new EngineHarness();
    await h.deploy(model('<errorEventDefinition errorRef="rejected"/>', '<error id="rejected" errorCode="REJECTED"/>'));
    const id = await h.start('p');
    expect(h.activeElements(id)).toEqual(['handle']);
    expect(h.variable(id, 'caughtCode')).toBe('REJECTED');
  });
});
