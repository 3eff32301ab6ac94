import type { FormField } from './form-fields';

/** A form-js component, as far as the app reads it. */
export interface FormComponent {
  id?: string;
  key?: string;
  type: string;
  label?: string;
  readonly?: unknown;
  values?: { label: string; value: unknown }[];
  components?: FormComponent[];
  [property: string]: unknown;
}

/** A form-js schema (the content of a `.form` file). */
export interface FormSchema {
  id: string;
  type?: string;
  components: FormComponent[];
  [property: string]: unknown;
}

/** the engine's check at deploy, here too: JSON, a string id, a components array */
export function parseFormSchema(text: string, fileName = 'the form'): FormSchema {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    throw new Error(`${fileName} is not a form-js schema: it is not JSON`);
  }
  const { id, components } = (schema ?? {}) as Partial<FormSchema>;
  if (typeof schema !== 'object' || Array.isArray(schema) || typeof id !== 'string' || id.trim() === '') throw new Error(`${fileName} is not a form-js schema: it has no string 'id'`);
  if (!Array.isArray(components)) throw new Error(`${fileName} is not a form-js schema: it has no 'components' array`);
  return schema as FormSchema;
}

/** every component, groups and their children included */
export function allComponents(components: readonly FormComponent[]): FormComponent[] {
  return components.flatMap((c) => [c, ...allComponents(c.components ?? [])]);
}

/** the keyed fields as the generated forms see them: a checkbox is a boolean, a radio or select with fixed values an enum */
export function fieldsOfSchema(schema: FormSchema): FormField[] {
  return allComponents(schema.components)
    .filter((c): c is FormComponent & { key: string } => typeof c.key === 'string')
    .map((c) => ({
      id: c.key,
      label: c.label ?? c.key,
      type: c.type === 'checkbox' ? 'boolean' : (c.type === 'radio' || c.type === 'select') && Array.isArray(c.values) ? 'enum' : c.type,
      defaultValue: null,
      values: (c.values ?? []).map((v) => ({ id: String(v.value), name: v.label })),
      required: Boolean((c['validate'] as { required?: boolean } | undefined)?.required),
      readonly: c.readonly === true,
    }));
}

/** the schema without the field of that key (the outcome field becomes buttons) */
export function withoutField(schema: FormSchema, key: string): FormSchema {
  const strip = (components: readonly FormComponent[]): FormComponent[] =>
    components.filter((c) => c.key !== key).map((c) => (c.components ? { ...c, components: strip(c.components) } : c));
  return { ...schema, components: strip(schema.components) };
}

/** a form-js schema for a new form */
export function newFormSchema(id: string): FormSchema {
  return {
    id,
    type: 'default',
    schemaVersion: 19,
    components: [
      { id: 'Field_approved', key: 'approved', type: 'checkbox', label: 'Approve' },
      { id: 'Field_comment', key: 'comment', type: 'textarea', label: 'Comment' },
    ],
  };
}
