declare module 'bpmn-moddle' {
  interface FromXmlResult {
    rootElement: unknown;
    warnings: { message: string; element?: unknown; property?: string; value?: unknown }[];
    references: unknown[];
    elementsById: Record<string, unknown>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
