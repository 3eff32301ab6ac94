import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { definitions } from '../api/engine';

/** Deployed XML parsed in the browser with bpmn-moddle + camunda-bpmn-moddle, cached per definition. */
export interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  get(name: string): any;
  [key: string]: any;
}

export interface DefinitionModel {
  readonly xml: string;
  /** the key of the definition's (first executable) process */
  readonly processKey: string | null;
  readonly elements: ReadonlyMap<string, ModdleNode>;
}

const cache = new Map<string, Promise<DefinitionModel>>();

export function definitionModel(definitionId: string): Promise<DefinitionModel> {
  let model = cache.get(definitionId);
  if (!model) {
    model = load(definitionId);
    cache.set(definitionId, model);
    model.catch(() => cache.delete(definitionId));
  }
  return model;
}

async function load(definitionId: string): Promise<DefinitionModel> {
  const xml = await definitions.xml(definitionId);
  const { elementsById } = (await new BpmnModdle({ camunda: camundaModdle }).fromXML(xml)) as unknown as { elementsById: Record<string, ModdleNode> };
  const elements = new Map(Object.entries(elementsById ?? {}));
  const process = [...elements.values()].find((e) => e.$type === 'bpmn:Process' && e.get('isExecutable')) ?? [...elements.values()].find((e) => e.$type === 'bpmn:Process');
  return { xml, processKey: process?.id ?? null, elements };
}
