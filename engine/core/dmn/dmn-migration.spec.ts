import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDmn } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const dmn11 = readFileSync(join(here, 'testing', 'dish-dmn11.dmn'), 'utf8');

describe('a DMN 1.1 file as the Camunda Modeler 4 wrote it', () => {
  it('is migrated to DMN 1.3 and keeps the Camunda attributes', async () => {
    const { definitions } = await parseDmn(dmn11, 'dish.dmn');
    expect(definitions).toMatchObject({ id: 'dinnerDecisions', name: 'Dinner Decisions', namespace: 'http://camunda.org/schema/1.0/dmn' });
    const dish = definitions.decisions.find((d) => d.id === 'dish')!;
    expect(dish).toMatchObject({
      name: 'Dish',
      versionTag: '1.0',
      historyTimeToLive: 30,
      requiredDecisions: ['season'],
      kind: 'decisionTable',
      hitPolicy: 'UNIQUE',
      aggregation: null,
      ruleIds: ['rule1', 'rule2', 'rule3'],
    });
    expect(dish.inputs).toEqual([
      { id: 'seasonInput', label: 'Season', name: 'season', typeRef: 'string' },
      { id: 'guestCountInput', label: 'How many guests', name: 'guestCount', typeRef: 'integer' },
    ]);
    expect(dish.outputs).toEqual([{ id: 'dishOutput', label: 'Dish', name: 'desiredDish', typeRef: 'string' }]);
  });

  it('evaluates the required decision first and lets the requiring one read its output by name', async () => {
    const dmn = await parseDmn(dmn11, 'dish.dmn');
    const outcome = dmn.evaluate('dish', { month: 1, guestCount: 10 });
    expect(outcome.result).toEqual([{ desiredDish: 'Pasta' }]);
    expect(outcome.evaluations.map((e) => e.decisionId)).toEqual(['season', 'dish']);
    expect(outcome.evaluations[0]!.result).toEqual([{ season: 'Winter' }]);
    expect(outcome.evaluations[1]!.matchedRules).toEqual([
      { ruleId: 'rule2', outputs: [{ id: 'dishOutput', name: 'desiredDish', label: 'Dish', typeRef: 'string', value: 'Pasta' }] },
    ]);
    expect(outcome.evaluations[1]!.inputs).toEqual([
      { id: 'seasonInput', label: 'Season', typeRef: 'string', value: 'Winter' },
      { id: 'guestCountInput', label: 'How many guests', typeRef: 'integer', value: 10 },
    ]);
    expect(dmn.evaluate('dish', { month: 7, guestCount: 3 }).result).toEqual([{ desiredDish: 'Salad' }]);
  });
});
