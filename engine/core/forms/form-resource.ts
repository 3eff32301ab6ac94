import { ParseError } from '../errors/index.js';
import type { XmlLimits } from '../model/xml-guard.js';
import { jsonTextExceedsDepth } from '../variables/json-limits.js';

export function isFormResource(name: string): boolean {
  return /\.form$/i.test(name);
}

/**
 * Checks a form-js schema the way deployments do: JSON, an object with a string `id` (the key
 * `camunda:formRef` names) and a `components` array. Returns the id; throws a ParseError naming
 * the resource and what is wrong.
 */
export function readFormSchema(resourceName: string, content: string, limits: Pick<XmlLimits, 'maxBytes' | 'maxDepth'>): { id: string } {
  const refuse = (message: string): never => {
    throw new ParseError(resourceName, [{ elementId: null, message }], 'form');
  };
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > limits.maxBytes) refuse(`Expected at most ${limits.maxBytes} bytes, but the form has ${bytes}`);
  if (jsonTextExceedsDepth(content, limits.maxDepth)) refuse(`Expected the form's JSON nested at most ${limits.maxDepth} deep, but it is nested deeper`);
  let schema: unknown;
  try {
    schema = JSON.parse(content);
  } catch (error) {
    refuse(`Expected a form-js schema in JSON, but the file is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return refuse(`Expected a form-js schema (a JSON object), but the file holds ${Array.isArray(schema) ? 'an array' : String(schema === null ? 'null' : typeof schema)}`);
  }
  const { id, components } = schema as { id?: unknown; components?: unknown };
  if (typeof id !== 'string' || id.trim() === '') {
    refuse(`Expected the form to have a string 'id' (the key camunda:formRef names), but it has ${id === undefined ? 'none' : `${JSON.stringify(id)}`}`);
  }
  if (!Array.isArray(components)) {
    refuse(`Expected the form to have a 'components' array, but it has ${components === undefined ? 'none' : JSON.stringify(components).slice(0, 40)}`);
  }
  return { id: (id as string).trim() };
}
