/** Packages of the bpmn.io ecosystem that ship no type declarations. */
type ModuleDeclaration = import('didi').ModuleDeclaration;

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: ModuleDeclaration;
}
declare module 'bpmn-js-element-templates' {
  export const ElementTemplatesPropertiesProviderModule: ModuleDeclaration;
}
declare module 'bpmn-js-bpmnlint' {
  const lintingModule: ModuleDeclaration;
  export default lintingModule;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const behaviorsModule: ModuleDeclaration;
  export default behaviorsModule;
}
declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}
declare module 'bpmnlint/rules/*' {
  const rule: () => { check: unknown };
  export default rule;
}
declare module 'bpmn-js-differ' {
  export interface DiffResult {
    _added: Record<string, unknown>;
    _removed: Record<string, unknown>;
    _changed: Record<string, { model: unknown; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
    _layoutChanged: Record<string, unknown>;
  }
  export function diff(a: unknown, b: unknown): DiffResult;
}
declare module 'camunda-bpmn-moddle/resources/camunda.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, type?: string): Promise<{ rootElement: any; warnings: unknown[] }>;
  }
}
