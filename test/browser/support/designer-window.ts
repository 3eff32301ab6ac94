/** What the designer page exposes for specs (see designer-page.ts): import and export without file dialogs. */
export interface DesignerWindow {
  crmDesigner?: { importXML(xml: string): Promise<unknown>; saveXML(): Promise<string> };
}
