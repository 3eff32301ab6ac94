import type { HistoricActivityInstance } from '../../api/engine-types';
import type { ModdleNode } from '../../model/definition-model';

/** Executed elements from history, plus the sequence flows between two executed elements. */
export function executedPath(runs: readonly HistoricActivityInstance[], elements: ReadonlyMap<string, ModdleNode>): string[] {
  const executed = new Set(runs.map((r) => r.activityId));
  const flows: string[] = [];
  for (const [id, element] of elements) {
    if (element.$type !== 'bpmn:SequenceFlow') continue;
    const source = (element.get('sourceRef') as ModdleNode | undefined)?.id;
    const target = (element.get('targetRef') as ModdleNode | undefined)?.id;
    if (source && target && executed.has(source) && executed.has(target)) flows.push(id);
  }
  return [...executed, ...flows];
}

export function activeIds(runs: readonly HistoricActivityInstance[]): string[] {
  return runs.filter((r) => !r.endTime).map((r) => r.activityId);
}
