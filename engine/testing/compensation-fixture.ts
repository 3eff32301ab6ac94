/**
 * `activity` (markup of an activity with id `id`, default a plain task) with a compensation boundary
 * event associated with `handler` (markup of an isForCompensation activity, default a task undo_<id>).
 */
export function compensable(id: string, activity = `<task id="${id}"/>`, handler = `<task id="undo_${id}" isForCompensation="true"/>`): string {
  const handlerId = /id="([^"]+)"/.exec(handler)?.[1] ?? '';
  return `${activity}
    <boundaryEvent id="${id}_compensation" attachedToRef="${id}"><compensateEventDefinition/></boundaryEvent>
    ${handler}
    <association id="${id}_association" sourceRef="${id}_compensation" targetRef="${handlerId}"/>`;
}

export const throwCompensation = `<intermediateThrowEvent id="compensate"><compensateEventDefinition/></intermediateThrowEvent>`;
