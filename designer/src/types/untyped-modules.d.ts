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
declare module 'dmn-js-properties-panel' {
  export const DmnPropertiesPanelModule: ModuleDeclaration;
  export const DmnPropertiesProviderModule: ModuleDeclaration;
  export const CamundaPropertiesProviderModule: ModuleDeclaration;
}
declare module 'camunda-dmn-moddle/resources/camunda.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module 'dmn-js/lib/Modeler' {
  /** one of the editors dmn-js switches between: the DRD, or a decision's table or literal expression */
  export interface DmnView {
    readonly element: any;
    readonly id: string;
    readonly name?: string;
    readonly type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression';
  }
  /** the viewer of the active view (diagram-js or table-js based): its services and events */
  export interface DmnViewer {
    get(name: string, strict?: boolean): any;
    on(event: string, callback: (event: any) => void): void;
    off(event: string, callback: (event: any) => void): void;
  }
  export default class DmnModeler {
    constructor(options: Record<string, unknown>);
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getDefinitions(): any;
    getViews(): DmnView[];
    getActiveView(): DmnView | undefined;
    getActiveViewer(): DmnViewer | undefined;
    open(view: DmnView): Promise<unknown>;
    on(event: string, callback: (event: any) => void): void;
    off(event: string, callback: (event: any) => void): void;
    destroy(): void;
  }
}
declare module 'dmn-js-shared/lib/features/data-types' {
  const dataTypesModule: ModuleDeclaration & { dataTypes: ['type', unknown] };
  export default dataTypesModule;
}
declare module '@bpmn-io/dmn-migrate' {
  /** DMN 1.1 or 1.2 XML as DMN 1.3; other XML unchanged */
  export function migrateDiagram(xml: string): Promise<string>;
}
