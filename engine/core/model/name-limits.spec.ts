import { EngineHarness } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';
import { MAX_NAME_LENGTH } from './name-limits.js';

const model = ({ processName = 'Deal review', taskId = 'review', taskName = 'Review', messageName = 'dealChanged' } = {}) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/spec">
  <message id="changed" name="${messageName}"/>
  <process id="p" name="${processName}" isExecutable="true">
    <startEvent id="start"/>
    <userTask id="${taskId}" name="${taskName}"/>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="${taskId}"/>
    <sequenceFlow id="f2" sourceRef="${taskId}" targetRef="end"/>
  </process>
</definitions>`;

async function issues(xml: string) {
  const error = await new EngineHarness().deploy(xml).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  return (error as ParseError).issues;
}

describe('deployment: ids and names of at most 255 characters', () => {
  const atLimit = 'x'.repeat(MAX_NAME_LENGTH);
  const tooLong = 'y'.repeat(MAX_NAME_LENGTH + 1);

  it('deploys ids and names of exactly the limit', async () => {
    await expect(new EngineHarness().deploy(model({ processName: atLimit, taskId: atLimit, taskName: atLimit }))).resolves.not.toThrow();
  });

  it('refuses a process name one character longer, naming the process', async () => {
    expect(await issues(model({ processName: tooLong }))).toEqual([
      { elementId: 'p', message: `Expected the name of the bpmn:Process 'p' to have at most 255 characters, but it has 256` },
    ]);
  });

  it('refuses a long element name and a long message name, each naming its element', async () => {
    expect(await issues(model({ taskName: tooLong, messageName: `${tooLong}z` }))).toEqual(expect.arrayContaining([
      { elementId: 'review', message: `Expected the name of the bpmn:UserTask 'review' to have at most 255 characters, but it has 256` },
      { elementId: 'changed', message: `Expected the name of the bpmn:Message 'changed' to have at most 255 characters, but it has 257` },
    ]));
  });

  it('refuses a long id, shortened in the message', async () => {
    const found = await issues(model({ taskId: tooLong }));
    expect(found).toContainEqual({ elementId: null, message: `Expected the id of the bpmn:UserTask '${'y'.repeat(40)}…' to have at most 255 characters, but it has 256` });
  });

  it('refuses a five-megabyte name without echoing it', async () => {
    const error = await new EngineHarness().deploy(model({ processName: 'n'.repeat(5_000_000) })).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message.length).toBeLessThan(500);
  });
});

describe('the check of ids and names', () => {
  it('walks a chain of 18,000 elements without running out of stack', async () => {
    const ids = Array.from({ length: 9_000 }, (_, i) => `t${i}`);
    const body = ids.map((id) => `<task id="${id}"/>`).join('') + ids.slice(1).map((id, i) => `<sequenceFlow id="f${i}" sourceRef="${ids[i]}" targetRef="${id}"/>`).join('');
    const xml = `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><process id="p" name="${'z'.repeat(300)}" isExecutable="true"><startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="t0"/>${body}</process></definitions>`;
    const error = await new EngineHarness().deploy(xml).then(() => null, (e: unknown) => e);
    expect((error as ParseError).issues).toEqual([expect.objectContaining({ elementId: 'p' })]);
  });
});
