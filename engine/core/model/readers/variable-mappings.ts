import type { CallMapping, MappingValue, VariableMapping } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { extensionsOf, firstExtension, stringProperty } from './extensions.js';
import { SAFE_SCRIPT_FORMATS } from './scripts.js';

export function readInputOutput(element: ModdleElement, issues: ParseIssues): { inputs: VariableMapping[]; outputs: VariableMapping[] } {
  const io = firstExtension(element, 'camunda:InputOutput');
  if (!io) return { inputs: [], outputs: [] };
  const id = element.id ?? '';
  const read = (params: unknown) =>
    ((params as ModdleElement[] | undefined) ?? []).map((param) => readParameter(id, param, issues));
  return { inputs: read(io['inputParameters']), outputs: read(io['outputParameters']) };
}

function readParameter(elementId: string, param: ModdleElement, issues: ParseIssues): VariableMapping {
  const target = stringProperty(param, 'name');
  if (!target) issues.add(elementId, 'Expected every camunda:inputParameter/outputParameter to have a name, but one has none');
  return { target: target ?? '', value: readValue(elementId, param, issues) };
}

function readValue(elementId: string, holder: ModdleElement, issues: ParseIssues): MappingValue {
  const definition = holder['definition'] as ModdleElement | undefined;
  if (definition) return readDefinition(elementId, definition, issues);
  const text = typeof holder['value'] === 'string' ? (holder['value'] as string) : null;
  if (text === null || text.trim() === '') return { kind: 'null' };
  return { kind: 'expression', expression: issues.expression(elementId, 'camunda:inputOutput', text.trim()) };
}

function readDefinition(elementId: string, definition: ModdleElement, issues: ParseIssues): MappingValue {
  switch (definition.$type) {
    case 'camunda:List':
      return { kind: 'list', items: ((definition['items'] as ModdleElement[] | undefined) ?? []).map((item) => readDefinitionOrValue(elementId, item, issues)) };
    case 'camunda:Map':
      return {
        kind: 'map',
        entries: ((definition['entries'] as ModdleElement[] | undefined) ?? []).map((entry) => ({
          key: stringProperty(entry, 'key') ?? '',
          value: readValue(elementId, entry, issues),
        })),
      };
    case 'camunda:Script': {
      const format = (stringProperty(definition, 'scriptFormat') ?? '').toLowerCase();
      if (stringProperty(definition, 'resource')) issues.add(elementId, 'Expected an inline script, but camunda:script refers to an external resource, which is not supported');
      if (!SAFE_SCRIPT_FORMATS.has(format)) {
        issues.add(elementId, `Expected a script format of ${[...SAFE_SCRIPT_FORMATS].join(' or ')}, but got '${format || '(none)'}'`);
      }
      const text = stringProperty(definition, 'value') ?? '';
      const source = format === 'feel' && !text.startsWith('=') ? `=${text}` : text.includes('${') || text.includes('#{') ? text : `\${${text}}`;
      return { kind: 'script', format, script: issues.expression(elementId, 'camunda:script', source) };
    }
    default:
      issues.add(elementId, `Expected a list, map, script or value in the parameter, but got '${definition.$type}'`);
      return { kind: 'null' };
  }
}

function readDefinitionOrValue(elementId: string, item: ModdleElement, issues: ParseIssues): MappingValue {
  if (item.$type === 'camunda:Value') return readValue(elementId, item, issues);
  return readDefinition(elementId, item, issues);
}

export function readCallMappings(element: ModdleElement, type: 'camunda:In' | 'camunda:Out', issues: ParseIssues): CallMapping[] {
  const id = element.id ?? '';
  return extensionsOf(element, type).map((binding) => {
    const variables = stringProperty(binding, 'variables');
    const sourceExpression = stringProperty(binding, 'sourceExpression');
    const businessKey = stringProperty(binding, 'businessKey');
    const mapping: CallMapping = {
      all: variables === 'all',
      local: binding['local'] === true,
      source: stringProperty(binding, 'source'),
      sourceExpression: sourceExpression ? issues.expression(id, `${type} sourceExpression`, sourceExpression) : null,
      target: stringProperty(binding, 'target'),
      businessKey: businessKey ? issues.expression(id, `${type} businessKey`, businessKey) : null,
    };
    const isPlain = !mapping.all && !mapping.businessKey;
    if (isPlain && !(mapping.source || mapping.sourceExpression)) {
      issues.add(id, `Expected ${type} to have source, sourceExpression, variables="all" or businessKey, but it has none`);
    }
    if (isPlain && !mapping.target) issues.add(id, `Expected ${type} with a source to have a target, but it has none`);
    return mapping;
  });
}
