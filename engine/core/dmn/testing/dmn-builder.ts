/** Builds small DMN 1.3 documents for specs: one decision table (or literal expression) per decision. */

export interface TableSpec {
  readonly id?: string;
  readonly name?: string;
  readonly hitPolicy?: string;
  readonly aggregation?: string;
  readonly requires?: readonly string[];
  readonly inputs: readonly { readonly id?: string; readonly expression: string; readonly typeRef?: string; readonly inputVariable?: string; readonly values?: string; readonly language?: string }[];
  readonly outputs: readonly { readonly id?: string; readonly name?: string; readonly typeRef?: string; readonly values?: string }[];
  /** each rule: its input entries then its output entries */
  readonly rules: readonly (readonly string[])[];
}

export interface LiteralSpec {
  readonly id: string;
  readonly variable: string;
  readonly typeRef?: string;
  readonly text: string;
  readonly requires?: readonly string[];
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function tableDecision(spec: TableSpec): string {
  const id = spec.id ?? 'decision';
  // ids are unique per document: a named decision's elements carry its id
  const p = id === 'decision' ? '' : `${id}_`;
  const attrs = [spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : '', spec.aggregation ? ` aggregation="${spec.aggregation}"` : ''].join('');
  const inputs = spec.inputs.map((input, i) => {
    const variable = input.inputVariable ? ` camunda:inputVariable="${input.inputVariable}"` : '';
    const language = input.language ? ` expressionLanguage="${input.language}"` : '';
    const values = input.values ? `<inputValues><text>${escape(input.values)}</text></inputValues>` : '';
    return `<input id="${input.id ?? `${p}in${i + 1}`}" label="Input ${i + 1}"${variable}><inputExpression id="${input.id ?? `${p}in${i + 1}`}_expr" typeRef="${input.typeRef ?? ''}"${language}><text>${escape(input.expression)}</text></inputExpression>${values}</input>`;
  });
  const outputs = spec.outputs.map((output, i) => {
    const name = output.name === undefined ? '' : ` name="${output.name}"`;
    const type = output.typeRef ? ` typeRef="${output.typeRef}"` : '';
    const values = output.values ? `<outputValues><text>${escape(output.values)}</text></outputValues>` : '';
    return `<output id="${output.id ?? `${p}out${i + 1}`}" label="Output ${i + 1}"${name}${type}>${values}</output>`;
  });
  const rules = spec.rules.map((entries, r) => {
    const cells = entries.map((text, c) => {
      const element = c < spec.inputs.length ? 'inputEntry' : 'outputEntry';
      return `<${element} id="${p}r${r + 1}c${c + 1}"><text>${escape(text)}</text></${element}>`;
    });
    return `<rule id="${p}rule${r + 1}">${cells.join('')}</rule>`;
  });
  return `<decision id="${id}" name="${spec.name ?? id}">${requirements(id, spec.requires)}<decisionTable id="${id}_table"${attrs}>${inputs.join('')}${outputs.join('')}${rules.join('')}</decisionTable></decision>`;
}

export function literalDecision(spec: LiteralSpec): string {
  const type = spec.typeRef ? ` typeRef="${spec.typeRef}"` : '';
  return `<decision id="${spec.id}" name="${spec.id}"><variable id="${spec.id}_var" name="${spec.variable}"${type}/>${requirements(spec.id, spec.requires)}<literalExpression id="${spec.id}_expr"><text>${escape(spec.text)}</text></literalExpression></decision>`;
}

function requirements(from: string, ids: readonly string[] | undefined): string {
  return (ids ?? []).map((id) => `<informationRequirement id="req_${from}_${id}"><requiredDecision href="#${id}"/></informationRequirement>`).join('');
}

export function dmnDocument(...decisions: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="definitions" name="Specs" namespace="http://camunda.org/schema/1.0/dmn">${decisions.join('')}</definitions>`;
}

export function table(spec: TableSpec): string {
  return dmnDocument(tableDecision(spec));
}
