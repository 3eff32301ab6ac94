import { InstanceAggregate, type InstanceSnapshot } from '../../core/execution/instance-aggregate.js';
import { byOwnedKind, type OwnedKind } from '../../core/execution/owned-kinds.js';
import type { ElementInstanceRecord, ProcessInstanceRecord } from '../../core/execution/records.js';
import { statisticsDeltas } from './statistics-counts.js';

const instance: ProcessInstanceRecord = {
  id: 'pi', definitionId: 'def', definitionKey: 'p', businessKey: null, rootInstanceId: 'pi', superInstanceId: null,
  superElementInstanceId: null, state: 'ACTIVE', suspended: false, startTime: new Date(0), startUserId: null, tenantId: null,
};
const element = (id: string, elementId: string, kind: string): ElementInstanceRecord => ({
  id, processInstanceId: 'pi', parentId: null, elementId, kind, state: 'ACTIVE', startTime: new Date(0), data: {},
});
const loaded = (elements: ElementInstanceRecord[]) =>
  InstanceAggregate.load({ instance, revision: 3, ...byOwnedKind(<K extends OwnedKind>(kind: K) => (kind === 'elements' ? elements : [])) } as unknown as InstanceSnapshot);
const rows = (deltas: ReturnType<typeof statisticsDeltas>) =>
  deltas ? deltas.activityIds.map((activity, i) => [deltas.definitionIds[i], activity, deltas.instances[i], deltas.present[i]]) : null;

describe('the statistics deltas of a written unit', () => {
  it('counts a new instance in, its process element not, a multi-instance body as present only', () => {
    const started = InstanceAggregate.create(instance);
    started.elements.insert(element('e0', 'p', 'process'));
    started.elements.insert(element('e1', 'vote', 'multiInstanceBody'));
    started.elements.insert(element('e2', 'vote', 'userTask'));
    started.elements.insert(element('e3', 'vote', 'userTask'));
    expect(rows(statisticsDeltas([started.changes()]))).toEqual([['def', '', 1, 0], ['def', 'vote', 2, 3]]);
  });

  it('moves a token: minus where it was, plus where it is; nothing for the instance row', () => {
    const aggregate = loaded([element('e0', 'p', 'process'), element('e1', 'review', 'userTask')]);
    aggregate.elements.delete('e1');
    aggregate.elements.insert(element('e2', 'approve', 'userTask'));
    expect(rows(statisticsDeltas([aggregate.changes()]))).toEqual([['def', 'review', -1, -1], ['def', 'approve', 1, 1]]);
  });

  it('counts an ended instance out with every element instance it had, and an unchanged count as nothing', () => {
    const ended = loaded([element('e0', 'p', 'process'), element('e1', 'review', 'userTask')]);
    ended.updateInstance({ state: 'COMPLETED' });
    expect(rows(statisticsDeltas([ended.changes()]))).toEqual([['def', '', -1, 0], ['def', 'review', -1, -1]]);
    const touched = loaded([element('e1', 'review', 'userTask')]);
    touched.elements.update('e1', { state: 'COMPLETING' });
    expect(statisticsDeltas([touched.changes()])).toBeNull();
  });
});
