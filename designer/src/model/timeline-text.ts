import { RECORD_FIELDS } from './record-fields';

/** who changed a record when no user did: the ids the CRM writes for itself, by a name a person reads */
const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
  'demo-seed': 'Demo data',
  system: 'System',
  anonymous: 'A visitor (public form)',
};

/** a user's name, a system actor's name ("Demo data"), "Process deal-approval", or the id as the last resort */
export function actorName(who: { id?: string; name?: string | null } | null | undefined): string | null {
  if (!who) return null;
  if (who.name) return who.name;
  const id = who.id ?? '';
  if (Object.hasOwn(SYSTEM_ACTORS, id)) return SYSTEM_ACTORS[id]!;
  const process = /^process:(.+)$/.exec(id);
  if (process) return `Process ${process[1]}`;
  return id || null;
}

/** "ownerId" → "owner": the record panel's label for the field, else the name in words */
export function fieldLabel(recordType: string, field: string): string {
  const known = RECORD_FIELDS[recordType]?.find((f) => f.name === field);
  if (known) return known.label.toLowerCase();
  return field.replace(/Id$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
