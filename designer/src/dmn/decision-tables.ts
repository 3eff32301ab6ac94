import type { VariableType } from '../api/engine-types';

/** An input column as the test panel asks for it. */
export interface TableInput {
  readonly id: string;
  readonly label: string;
  /** the input expression's text */
  readonly expression: string;
  /** the expression when it is a simple name: the variable it reads; null for a longer expression */
  readonly variable: string | null;
  readonly typeRef: string | null;
  /** the input's camunda:inputVariable (the name of the input's value in its rules; cellInput if unset) */
  readonly inputVariable: string | null;
  /** the moddle element, for editing */
  readonly element: unknown;
}

export interface TableOutput {
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly typeRef: string | null;
}

export interface DecisionTableInfo {
  /** the decision's id: its key once deployed */
  readonly id: string;
  readonly name: string;
  readonly inputs: readonly TableInput[];
  readonly outputs: readonly TableOutput[];
  /** the rules' ids in table order */
  readonly ruleIds: readonly string[];
}

interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  readonly label?: string;
  readonly typeRef?: string;
  readonly text?: string;
  readonly inputExpression?: ModdleElement;
  readonly decisionLogic?: ModdleElement;
  readonly input?: readonly ModdleElement[];
  readonly output?: readonly ModdleElement[];
  readonly rule?: readonly ModdleElement[];
  get(name: string): unknown;
}

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** the decision tables of dmn-js's definitions (dmn-moddle elements), in file order */
export function decisionTablesOf(definitions: { drgElement?: readonly ModdleElement[] } | undefined): DecisionTableInfo[] {
  return (definitions?.drgElement ?? [])
    .filter((e) => e.$type === 'dmn:Decision' && e.decisionLogic?.$type === 'dmn:DecisionTable')
    .map((decision) => {
      const table = decision.decisionLogic!;
      return {
        id: decision.id ?? '',
        name: decision.name || decision.id || '',
        inputs: (table.input ?? []).map((input, index) => {
          const expression = (input.inputExpression?.text ?? '').trim();
          const inputVariable = input.get('camunda:inputVariable');
          return {
            id: input.id ?? `input-${index}`,
            label: input.label || expression || `Input ${index + 1}`,
            expression,
            variable: SIMPLE_NAME.test(expression) ? expression : null,
            typeRef: input.inputExpression?.typeRef ?? null,
            inputVariable: typeof inputVariable === 'string' && inputVariable !== '' ? inputVariable : null,
            element: input,
          };
        }),
        outputs: (table.output ?? []).map((output, index) => ({
          id: output.id ?? `output-${index}`,
          label: output.label || output.name || `Output ${index + 1}`,
          name: output.name ?? '',
          typeRef: output.typeRef ?? null,
        })),
        ruleIds: (table.rule ?? []).map((rule) => rule.id ?? ''),
      };
    });
}

/** the REST variable type for a DMN typeRef (FEEL's number reads a Double) */
export function variableTypeOf(typeRef: string | null): VariableType {
  switch ((typeRef ?? '').toLowerCase()) {
    case 'integer':
      return 'Integer';
    case 'long':
      return 'Long';
    case 'double':
    case 'number':
      return 'Double';
    case 'boolean':
      return 'Boolean';
    case 'date':
    case 'datetime':
      return 'Date';
    default:
      return 'String';
  }
}

/** a first guess at the variable a longer expression reads: its first name (`customer` of `customer.tier > 2`) */
export function firstNameIn(expression: string): string {
  return /[A-Za-z_][A-Za-z0-9_]*/.exec(expression)?.[0] ?? '';
}
