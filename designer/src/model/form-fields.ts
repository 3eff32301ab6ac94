import type { ModdleNode } from './definition-model';

/** A `camunda:formField` of a user task, as the tasklist renders it. */
export interface FormField {
  readonly id: string;
  readonly label: string;
  readonly type: 'string' | 'long' | 'boolean' | 'date' | 'enum' | string;
  readonly defaultValue: string | null;
  readonly values: readonly { id: string; name: string }[];
  readonly required: boolean;
  readonly readonly: boolean;
}

export function formFieldsOf(task: ModdleNode | undefined): FormField[] {
  const extensions = task?.get('extensionElements') as ModdleNode | undefined;
  const formData = ((extensions?.get('values') as ModdleNode[] | undefined) ?? []).find((v) => v.$type === 'camunda:FormData');
  const fields = (formData?.get('fields') as ModdleNode[] | undefined) ?? [];
  return fields.map((field) => {
    const constraints = ((field.get('validation') as ModdleNode | undefined)?.get('constraints') as ModdleNode[] | undefined) ?? [];
    return {
      id: String(field.get('id')),
      label: String(field.get('label') ?? field.get('id')),
      type: String(field.get('type') ?? 'string'),
      defaultValue: (field.get('defaultValue') as string | undefined) ?? null,
      values: ((field.get('values') as ModdleNode[] | undefined) ?? []).map((v) => ({ id: String(v.get('id')), name: String(v.get('name') ?? v.get('id')) })),
      required: constraints.some((c) => c.get('name') === 'required'),
      readonly: constraints.some((c) => c.get('name') === 'readonly'),
    };
  });
}

const OUTCOME_NAME = /^(approved?|accepted?|decision|outcome|result|verdict)$/i;

/** the field whose value decides the path: rendered as approve / reject style buttons */
export function outcomeFieldOf(fields: readonly FormField[]): FormField | null {
  return fields.find((f) => OUTCOME_NAME.test(f.id) && (f.type === 'boolean' || (f.type === 'enum' && f.values.length > 0))) ?? null;
}
