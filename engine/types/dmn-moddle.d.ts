declare module 'dmn-moddle' {
  interface FromXmlResult {
    rootElement: unknown;
    warnings: { message: string; element?: unknown; property?: string; value?: unknown }[];
    references: unknown[];
    elementsById: Record<string, unknown>;
  }
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
  }
}

declare module '@bpmn-io/dmn-migrate' {
  /** DMN 1.1 and 1.2 XML rewritten as DMN 1.3; other text is returned as it is */
  export function migrateDiagram(xml: string): Promise<string>;
}
