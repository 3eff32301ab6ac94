import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type Selection from 'diagram-js/lib/features/selection/Selection';

export interface DeployProblem {
  readonly elementId: string | null;
  readonly message: string;
  /** a refusal, or a warning of a deployment that went through */
  readonly severity: 'error' | 'warn';
}

const MARKERS = { error: 'crm-deploy-problem', warn: 'crm-deploy-warning' } as const;
const OVERLAY_TYPE = 'crm-deploy-problem';

/** Marks the elements the engine refused or warned about at deploy, and reveals a problem's element on request. */
export class DeployProblems {
  static $inject = ['canvas', 'overlays', 'elementRegistry', 'selection', 'eventBus'];
  private marked: [string, string][] = [];

  constructor(
    private readonly canvas: Canvas,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
    private readonly selection: Selection,
    eventBus: { on(event: string, callback: () => void): void },
  ) {
    eventBus.on('import.done', () => this.clear());
  }

  show(problems: readonly DeployProblem[]): void {
    this.clear();
    for (const problem of problems) {
      if (!problem.elementId || !this.elementRegistry.get(problem.elementId)) continue;
      const marker = MARKERS[problem.severity];
      this.canvas.addMarker(problem.elementId, marker);
      const badge = document.createElement('div');
      badge.className = `crm-deploy-problem-badge crm-deploy-problem-badge-${problem.severity}`;
      badge.title = problem.message;
      badge.textContent = '!';
      this.overlays.add(problem.elementId, OVERLAY_TYPE, { position: { top: -10, right: 10 }, html: badge });
      this.marked.push([problem.elementId, marker]);
    }
  }

  clear(): void {
    for (const [id, marker] of this.marked) if (this.elementRegistry.get(id)) this.canvas.removeMarker(id, marker);
    this.overlays.remove({ type: OVERLAY_TYPE });
    this.marked = [];
  }

  /** selects the element and scrolls it into view */
  reveal(elementId: string): void {
    const element = this.elementRegistry.get(elementId);
    if (!element) return;
    this.selection.select(element);
    if (element !== this.canvas.getRootElement()) this.canvas.scrollToElement(element);
  }
}
