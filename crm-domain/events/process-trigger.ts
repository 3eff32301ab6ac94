import { z } from 'zod';

/**
 * What a record event does to the engine: start a process (business key = record id, the event's
 * variables as start variables) or correlate a message to the record's waiting processes.
 */
export const processTriggerSchema = z.discriminatedUnion('action', [
  z.strictObject({
    event: z.string().regex(/^[a-z]+\.[A-Za-z]+$/, { message: 'expected <record>.<event>' }),
    action: z.literal('start'),
    processKey: z.string().min(1),
  }),
  z.strictObject({
    event: z.string().regex(/^[a-z]+\.[A-Za-z]+$/, { message: 'expected <record>.<event>' }),
    action: z.literal('message'),
    messageName: z.string().min(1),
  }),
]);

export type ProcessTrigger = z.infer<typeof processTriggerSchema>;

/** validates a trigger list (e.g. read from JSON); the error names the entry */
export function parseProcessTriggers(value: unknown): ProcessTrigger[] {
  const parsed = z.array(processTriggerSchema).safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`Invalid process trigger configuration at ${issue.path.join('.')}: ${issue.message}`);
}
