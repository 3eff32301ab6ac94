import type { ModdleElement } from '../moddle-reader.js';

/** camunda:* extension elements of an element, e.g. `camunda:InputOutput` */
export function extensionsOf(element: ModdleElement, type: string): ModdleElement[] {
  const extensionElements = element['extensionElements'] as ModdleElement | undefined;
  const values = (extensionElements?.['values'] as ModdleElement[] | undefined) ?? [];
  return values.filter((value) => value.$type === type);
}

export function firstExtension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensionsOf(element, type)[0];
}

export function stringProperty(element: ModdleElement | undefined, name: string): string | null {
  const value = element?.[name];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** the body text of a bpmn:FormalExpression-like child property */
export function bodyOf(element: ModdleElement | undefined, property: string): string | null {
  const child = element?.[property] as ModdleElement | undefined;
  return stringProperty(child, 'body');
}

export function documentationOf(element: ModdleElement): string | null {
  const docs = (element['documentation'] as ModdleElement[] | undefined) ?? [];
  const text = docs.map((d) => stringProperty(d, 'text')).filter((t): t is string => t !== null);
  return text.length > 0 ? text.join('\n') : null;
}
