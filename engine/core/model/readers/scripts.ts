import type { ScriptSpec } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { stringProperty } from './extensions.js';

/** Script formats evaluated by our own safe evaluators; anything else would need a script engine. */
export const SAFE_SCRIPT_FORMATS: ReadonlySet<string> = new Set(['juel', 'feel']);

/** `formatAttribute`: a global script task names its language in `scriptLanguage` */
export function readScriptTask(element: ModdleElement, issues: ParseIssues, formatAttribute: 'scriptFormat' | 'scriptLanguage' = 'scriptFormat'): ScriptSpec {
  const id = element.id ?? '';
  const format = (stringProperty(element, formatAttribute) ?? '').toLowerCase();
  if (!SAFE_SCRIPT_FORMATS.has(format)) {
    issues.add(id, `Expected ${formatAttribute} 'juel' or 'feel', but got '${format || '(none)'}': other script languages are not executed for safety`);
  }
  if (stringProperty(element, 'resource')) issues.add(id, 'Expected an inline script, but camunda:resource scripts are not supported');
  const text = stringProperty(element, 'script') ?? '';
  if (text === '') issues.add(id, 'Expected a script body, but the script task has none');
  const source = scriptSource(format, text);
  return {
    format: format === 'feel' ? 'feel' : 'juel',
    script: issues.expression(id, 'script', source || "${''}"),
    resultVariable: stringProperty(element, 'resultVariable'),
  };
}

/** the expression a script body stands for: FEEL as an `=` expression, JUEL as a `${...}` template unless it is one */
export function scriptSource(format: string, text: string): string {
  if (format === 'feel') return text.startsWith('=') ? text : `=${text}`;
  return text.includes('${') || text.includes('#{') ? text : `\${${text}}`;
}
