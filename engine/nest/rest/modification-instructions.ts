import { z } from 'zod';
import type { ModificationInstruction, StartInstruction } from '../../core/commands/modification-commands.js';
import { InvalidRequestError } from '../../core/errors/index.js';
import { variableMap, variablesOf } from './request-body.js';

/** one instruction of Camunda's process instance modification, or of a start's `startInstructions` */
const instructionSchema = z.object({
  type: z.enum(['cancel', 'startBeforeActivity', 'startAfterActivity', 'startTransition'], { message: 'expected cancel, startBeforeActivity, startAfterActivity or startTransition' }),
  activityId: z.string().nullish(),
  activityInstanceId: z.string().nullish(),
  transitionInstanceId: z.string().nullish(),
  transitionId: z.string().nullish(),
  variables: variableMap().nullish(),
});

type RawInstruction = z.infer<typeof instructionSchema>;

/**
 * Far more than any modification needs; without a bound a body of a few MiB could carry a hundred
 * thousand instructions, each of them a walk through the instance.
 */
export const MAX_INSTRUCTIONS = 1000;

/** a list of instructions (`instructions` of a modification, `startInstructions` of a start) */
export const instructionList = () =>
  z.array(instructionSchema).max(MAX_INSTRUCTIONS, { message: `must hold at most ${MAX_INSTRUCTIONS} instructions` });

/** `field` names the list in errors: `instructions` or `startInstructions` */
export function toInstruction(raw: RawInstruction, index: number, field = 'instructions'): ModificationInstruction {
  const missing = (name: string) => new InvalidRequestError(`Invalid request body: '${field}.${index}.${name}' is required for ${raw.type}`);
  const variables = raw.variables ? variablesOf(raw.variables, `${field}.${index}.variables`) : undefined;
  switch (raw.type) {
    case 'cancel': {
      const activityInstanceId = raw.activityInstanceId ?? raw.transitionInstanceId ?? undefined;
      if (!activityInstanceId && !raw.activityId) throw missing('activityId');
      return { type: 'cancel', ...(activityInstanceId ? { activityInstanceId } : { activityId: raw.activityId! }) };
    }
    case 'startTransition':
      if (!raw.transitionId) throw missing('transitionId');
      return { type: 'startTransition', transitionId: raw.transitionId, ...(variables ? { variables } : {}) };
    default:
      if (!raw.activityId) throw missing('activityId');
      return { type: raw.type, activityId: raw.activityId, ...(variables ? { variables } : {}) };
  }
}

/** a start's instructions: a new instance has nothing to cancel */
export function toStartInstruction(raw: RawInstruction, index: number): StartInstruction {
  const instruction = toInstruction(raw, index, 'startInstructions');
  if (instruction.type === 'cancel') throw new InvalidRequestError(`Invalid request body: 'startInstructions.${index}.type' must be startBeforeActivity, startAfterActivity or startTransition: a new instance has nothing to cancel`);
  return instruction;
}
