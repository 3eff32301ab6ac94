import type { TypedValue, VariableType } from './engine-types';

/** Typed values from what a person typed: the type decides how the text is read. */
export const EDITABLE_TYPES: readonly VariableType[] = ['String', 'Integer', 'Long', 'Double', 'Boolean', 'Date', 'Json'];

export function typedValue(type: VariableType | string, text: string): TypedValue {
  switch (type) {
    case 'Integer':
    case 'Long':
    case 'Short': {
      const n = Number(text);
      if (!Number.isInteger(n)) throw new Error(`Expected a whole number, but got '${text}'`);
      return { type, value: n };
    }
    case 'Double': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`Expected a number, but got '${text}'`);
      return { type, value: n };
    }
    case 'Boolean':
      if (text !== 'true' && text !== 'false') throw new Error(`Expected true or false, but got '${text}'`);
      return { type, value: text === 'true' };
    case 'Date':
      return { type, value: toCamundaDate(new Date(text)) };
    case 'Json':
      JSON.parse(text);
      return { type, value: text };
    default:
      return { type: 'String', value: text };
  }
}

export function displayValue(value: TypedValue | { type: string; value: unknown }): string {
  if (value.value === null || value.value === undefined) return '';
  if (typeof value.value === 'object') return JSON.stringify(value.value);
  return String(value.value);
}

/** Camunda's date format: 2031-06-01T09:30:00.000+0000 */
export function toCamundaDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('Expected a date, but got an invalid one');
  return date.toISOString().replace('Z', '+0000');
}

export function fromCamundaDate(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(text: string | null | undefined): string {
  const date = fromCamundaDate(text);
  return date ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** yyyy-MM-ddTHH:mm for <input type=datetime-local> */
export function toLocalInput(text: string | null | undefined): string {
  const date = fromCamundaDate(text);
  if (!date) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(text: string): string | null {
  return text ? toCamundaDate(new Date(text)) : null;
}
