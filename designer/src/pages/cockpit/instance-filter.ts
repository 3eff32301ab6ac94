import { fromLocalInput } from '../../api/variables';

export const STATES = { all: 'all', running: 'running', completed: 'completed', incidents: 'with incidents', canceled: 'canceled' } as const;
export type StateFilter = keyof typeof STATES;

/** URL filters (shareable) → the history instance query. */
export function instanceQuery(query: URLSearchParams): Record<string, string | boolean | undefined> {
  const state = (query.get('state') ?? 'all') as StateFilter;
  const get = (name: string) => query.get(name) || undefined;
  const date = (name: string) => {
    const value = query.get(name);
    return value ? (fromLocalInput(value) ?? undefined) : undefined;
  };
  return {
    processDefinitionId: get('definition'),
    processDefinitionKey: get('key'),
    processInstanceBusinessKeyLike: query.get('businessKey') ? `%${query.get('businessKey')}%` : undefined,
    startedAfter: date('startedAfter'),
    startedBefore: date('startedBefore'),
    variables: variableConditions(query.get('variables')),
    ...(state === 'running' ? { unfinished: true } : {}),
    ...(state === 'completed' ? { completed: true } : {}),
    ...(state === 'incidents' ? { withIncidents: true, unfinished: true } : {}),
    ...(state === 'canceled' ? { externallyTerminated: true } : {}),
  };
}

/** "amount >= 1000, status = open" or "amount_gteq_1000" → the engine's name_op_value list */
export function variableConditions(text: string | null): string | undefined {
  if (!text?.trim()) return undefined;
  const operators: Record<string, string> = { '>=': 'gteq', '<=': 'lteq', '!=': 'neq', '=': 'eq', '>': 'gt', '<': 'lt', '~': 'like' };
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([\w.$-]+)\s*(>=|<=|!=|=|>|<|~)\s*(.*)$/.exec(part);
      return match ? `${match[1]}_${operators[match[2]!]}_${match[3]!.trim()}` : part;
    })
    .join(',');
}
