interface ModdleElement {
  get(name: string): any;
}
interface EventBus {
  on(event: string, priority: number, callback: () => void): void;
}
interface ElementRegistry {
  getAll(): { di?: unknown }[];
}
interface BpmnJs {
  getDefinitions(): ModdleElement | undefined;
}

/**
 * bpmn-js rebuilds each rendered plane from the canvas on save (BpmnDiOrdering), which drops the
 * DI of elements it did not render (a process outside any participant, an edge without a
 * bpmnElement). We put those back, so imported models keep their whole layout.
 */
export class PreserveUnrenderedDi {
  static $inject = ['eventBus', 'elementRegistry', 'bpmnjs'];
  private unrendered: { plane: ModdleElement; di: unknown }[] = [];

  constructor(eventBus: EventBus, elementRegistry: ElementRegistry, bpmnjs: BpmnJs) {
    eventBus.on('import.done', 1000, () => {
      const rendered = new Set(elementRegistry.getAll().map((e) => e.di).filter(Boolean));
      this.unrendered = [];
      for (const diagram of (bpmnjs.getDefinitions()?.get('diagrams') as ModdleElement[] | undefined) ?? []) {
        const plane = diagram.get('plane') as ModdleElement | undefined;
        for (const di of (plane?.get('planeElement') as unknown[] | undefined) ?? []) if (!rendered.has(di)) this.unrendered.push({ plane: plane!, di });
      }
    });
    // after BpmnDiOrdering (priority 2000) has rebuilt the planes
    eventBus.on('saveXML.start', 1000, () => {
      for (const { plane, di } of this.unrendered) {
        const elements = plane.get('planeElement') as unknown[];
        if (!elements.includes(di)) elements.push(di);
      }
    });
  }
}
