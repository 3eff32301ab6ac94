/** dmn-js's read-only viewer (the package ships no type declarations): what the cockpit uses of it. */
declare module 'dmn-js/lib/Viewer' {
  /** one of the views dmn-js switches between: the DRD, or a decision's table or literal expression */
  export interface DmnViewerView {
    readonly element: { readonly id: string; readonly name?: string };
    readonly id: string;
    readonly name?: string;
    readonly type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression';
  }
  export default class DmnViewer {
    constructor(options: { container: HTMLElement; [option: string]: unknown });
    importXML(xml: string, options?: { open?: boolean }): Promise<{ warnings: unknown[] }>;
    getViews(): DmnViewerView[];
    open(view: DmnViewerView): Promise<unknown>;
    destroy(): void;
  }
}
