import type { FormField } from '../model/graph.js';

/** The variables a form lets its user fill, and those it only shows. */
export interface FormVariables {
  readonly writable: ReadonlySet<string>;
  readonly readonly: ReadonlySet<string>;
}

interface Component {
  readonly key?: unknown;
  readonly path?: unknown;
  readonly readonly?: unknown;
  readonly disabled?: unknown;
  readonly components?: unknown;
}

/**
 * The variables a Camunda Form (form-js schema) submits: the first segment of each field's `key`
 * (`address.city` writes `address`), or of the `path` of the group or list it sits in. A field
 * that is `readonly` (true or an expression) or `disabled` only shows its value.
 */
export function camundaFormVariables(content: string): FormVariables {
  const schema = JSON.parse(content) as Component;
  const writable = new Set<string>();
  const shown = new Set<string>();
  const visit = (components: unknown, boundTo: string | null, readonly: boolean): void => {
    if (!Array.isArray(components)) return;
    for (const component of components as Component[]) {
      if (typeof component !== 'object' || component === null) continue;
      const locked = readonly || isSet(component.readonly) || component.disabled === true;
      const path = typeof component.path === 'string' && component.path.trim() !== '' ? rootOf(component.path) : null;
      const key = typeof component.key === 'string' && component.key.trim() !== '' ? rootOf(component.key) : null;
      const variable = boundTo ?? path ?? key;
      if (key !== null || (path !== null && !Array.isArray(component.components))) {
        if (variable !== null) (locked ? shown : writable).add(variable);
      }
      visit(component.components, boundTo ?? path, locked);
    }
  };
  visit(schema.components, null, false);
  for (const name of writable) shown.delete(name);
  return { writable, readonly: shown };
}

/** `camunda:formData` fields; a field with the `readonly` constraint only shows its value */
export function formDataVariables(fields: readonly FormField[]): FormVariables {
  const writable = new Set<string>();
  const shown = new Set<string>();
  for (const field of fields) (field.validation.some((v) => v.name === 'readonly') ? shown : writable).add(field.id);
  for (const name of writable) shown.delete(name);
  return { writable, readonly: shown };
}

function rootOf(path: string): string {
  return path.trim().split('.')[0]!;
}

function isSet(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim() !== '' && value.trim() !== 'false');
}
