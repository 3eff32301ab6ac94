import { bpmn, flows } from '../../testing/bpmn-fixture.js';
import { EngineHarness } from '../../testing/engine-harness.js';
import { ParseError } from '../errors/index.js';

async function deployed(xml: string) {
  const h = new EngineHarness();
  await h.deploy(xml);
  return h;
}

const passes = (h: EngineHarness, id: string, element: string) => h.path(id).filter((a) => a === element).length;

describe('feature: startQuantity and completionQuantity (BPMN 2.0 10.2)', () => {
  describe('startQuantity', () => {
    /** a contract is drafted once both the offer and the credit check were handed in */
    const twoInputs = bpmn('twoInputs', `
      <startEvent id="start"/>
      <parallelGateway id="fork"/>
      <userTask id="offer"/>
      <userTask id="creditCheck"/>
      <userTask id="draftContract" startQuantity="2"/>
      <endEvent id="end"/>
      ${flows('start', 'fork', 'offer', 'draftContract', 'end')}
      ${flows('fork', 'creditCheck', 'draftContract')}`);

    it('given startQuantity 2, when one token arrives, the activity does not start', async () => {
      const h = await deployed(twoInputs);
      const id = await h.start('twoInputs');
      await h.complete(id, 'offer');
      expect(h.activeElements(id)).toEqual(['creditCheck']);
      expect(passes(h, id, 'draftContract')).toBe(0);
    });

    it('when the second token arrives, the activity starts once', async () => {
      const h = await deployed(twoInputs);
      const id = await h.start('twoInputs');
      await h.complete(id, 'offer');
      await h.complete(id, 'creditCheck');
      expect(h.activeElements(id)).toEqual(['draftContract']);
      expect(passes(h, id, 'draftContract')).toBe(1);

      await h.complete(id, 'draftContract');
      expect(h.state(id)).toBe('COMPLETED');
    });

    it('counts tokens arriving on the same flow', async () => {
      const h = await deployed(bpmn('sameFlow', `
        <startEvent id="start"/>
        <parallelGateway id="fork"/>
        <userTask id="a"/>
        <userTask id="b"/>
        <exclusiveGateway id="merge"/>
        <userTask id="after" startQuantity="2"/>
        ${flows('start', 'fork', 'a', 'merge', 'after')}
        ${flows('fork', 'b', 'merge')}`));
      const id = await h.start('sameFlow');
      await h.complete(id, 'a');
      expect(passes(h, id, 'after')).toBe(0);
      await h.complete(id, 'b');
      expect(h.activeElements(id)).toEqual(['after']);
      expect(passes(h, id, 'after')).toBe(1);
    });

    it('keeps the waiting tokens when fewer arrive: the instance does not complete', async () => {
      const h = await deployed(bpmn('tooFew', `
        <startEvent id="start"/>
        <task id="needsThree" startQuantity="3"/>
        <endEvent id="end"/>
        ${flows('start', 'needsThree', 'end')}`));
      const id = await h.start('tooFew');
      expect(h.activeElements(id)).toEqual([]);
      expect(h.state(id)).toBe('ACTIVE');
    });

    it('starts a multi-instance activity as a whole once its tokens arrived', async () => {
      const h = await deployed(twoInputs.replace(
        '<userTask id="draftContract" startQuantity="2"/>',
        '<userTask id="draftContract" startQuantity="2"><multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics></userTask>',
      ));
      const id = await h.start('twoInputs');
      await h.complete(id, 'offer');
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['creditCheck']);
      await h.complete(id, 'creditCheck');
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['draftContract', 'draftContract', 'draftContract']);
    });
  });

  describe('completionQuantity', () => {
    it('puts that many tokens on each outgoing flow', async () => {
      const h = await deployed(bpmn('twoCalls', `
        <startEvent id="start"/>
        <task id="plan" completionQuantity="2"/>
        <userTask id="call"/>
        <userTask id="log"/>
        ${flows('start', 'plan', 'call')}
        ${flows('plan', 'log')}`));
      const id = await h.start('twoCalls');
      expect(h.tasks(id).map((t) => t.taskDefinitionKey).sort()).toEqual(['call', 'call', 'log', 'log']);
    });

    it('feeds an activity with the same startQuantity exactly once', async () => {
      const h = await deployed(bpmn('pair', `
        <startEvent id="start"/>
        <task id="split" completionQuantity="2"/>
        <userTask id="review" startQuantity="2"/>
        ${flows('start', 'split', 'review')}`));
      const id = await h.start('pair');
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['review']);
      expect(passes(h, id, 'review')).toBe(1);
    });

    it('applies to a multi-instance activity once, when the whole loop completes', async () => {
      const h = await deployed(bpmn('loopOut', `
        <startEvent id="start"/>
        <task id="each" completionQuantity="2"><multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics></task>
        <userTask id="after"/>
        ${flows('start', 'each', 'after')}`));
      const id = await h.start('loopOut');
      expect(h.tasks(id).map((t) => t.taskDefinitionKey)).toEqual(['after', 'after']);
    });
  });

  describe('deployment', () => {
    async function refusal(attributes: string): Promise<ParseError> {
      const h = new EngineHarness();
      const error = await h.deploy(bpmn('badQuantity', `
        <startEvent id="start"/>
        <task id="work" ${attributes}/>
        ${flows('start', 'work')}`)).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ParseError);
      return error as ParseError;
    }

    it.each([
      ['startQuantity="0"', 'startQuantity'],
      ['startQuantity="-2"', 'startQuantity'],
      ['completionQuantity="0"', 'completionQuantity'],
    ])('refuses %s naming the element and the attribute', async (attributes, attribute) => {
      const error = await refusal(attributes);
      const issue = error.issues.find((i) => i.elementId === 'work');
      expect(issue?.message).toMatch(new RegExp(`^Expected ${attribute} to be a whole number of at least 1, but it is`));
    });

    it('refuses a quantity that is not a number', async () => {
      const error = await refusal('completionQuantity="many"');
      expect(error.issues.find((i) => i.elementId === 'work')?.message).toMatch(/completionQuantity/);
    });
  });
});
