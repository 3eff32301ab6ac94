import type { Page } from 'playwright-core';

// labelOverlaps' function runs in the page: the browser's globals it uses, for this file only
declare const document: { querySelector(selector: string): InPageElement | null };
declare const DOMPoint: new (x: number, y: number) => { matrixTransform(matrix: unknown): { x: number; y: number } };
interface InPageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
  querySelector(selector: string): InPageElement | null;
  querySelectorAll(selector: string): Iterable<InPageElement>;
  readonly classList: { contains(name: string): boolean };
  readonly textContent: string | null;
  getScreenCTM?(): unknown;
}

/**
 * What the external labels of the diagram drawn in `container` lie on: another shape, another
 * label or a sequence flow, measured on the rendered SVG (text as laid out, not the DI bounds).
 * Each entry reads "label of X overlaps Y".
 */
export function labelOverlaps(page: Page, container: string, xml: string): Promise<string[]> {
  return page.evaluate(({ selector, containers }) => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const root = document.querySelector(selector);
    if (!root) throw new Error(`Expected a diagram in ${selector}`);
    const inset = 1.5;
    const boxOf = (element: InPageElement): Box => {
      const r = element.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const meets = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const inside = (box: Box, x: number, y: number) => x > box.left && x < box.right && y > box.top && y < box.bottom;
    const labels: { id: string; box: Box }[] = [];
    const shapes: { id: string; box: Box }[] = [];
    const flows: { id: string; points: { x: number; y: number }[] }[] = [];
    for (const element of root.querySelectorAll('g.djs-element')) {
      const id = element.getAttribute('data-element-id') ?? '';
      const visual = element.querySelector(':scope > .djs-visual');
      if (!visual) continue;
      if (id.endsWith('_label')) {
        const text = visual.querySelector('text');
        if (!text || !text.textContent?.trim()) continue;
        const b = boxOf(text);
        labels.push({ id: id.slice(0, -'_label'.length), box: { left: b.left + inset, top: b.top + inset, right: b.right - inset, bottom: b.bottom - inset } });
      } else if (element.classList.contains('djs-connection')) {
        const path = visual.querySelector('path');
        const matrix = path?.getScreenCTM?.();
        if (!path || !matrix) continue;
        const numbers = (path.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
        const points: { x: number; y: number }[] = [];
        for (let i = 0; i + 1 < numbers.length; i += 2) {
          const p = new DOMPoint(numbers[i]!, numbers[i + 1]!).matrixTransform(matrix);
          points.push({ x: p.x, y: p.y });
        }
        flows.push({ id, points });
      } else if (element.classList.contains('djs-shape') && !containers.includes(id)) {
        shapes.push({ id, box: boxOf(visual) });
      }
    }
    const found: string[] = [];
    for (const label of labels) {
      for (const shape of shapes) if (meets(label.box, shape.box)) found.push(`label of ${label.id} overlaps ${shape.id === label.id ? 'its own shape' : shape.id}`);
      for (const other of labels) if (other.id > label.id && meets(label.box, other.box)) found.push(`label of ${label.id} overlaps the label of ${other.id}`);
      for (const flow of flows) {
        const crosses = flow.points.slice(1).some((end, i) => {
          const start = flow.points[i]!;
          const steps = Math.ceil(Math.hypot(end.x - start.x, end.y - start.y) / 2);
          for (let s = 0; s <= steps; s++) if (inside(label.box, start.x + ((end.x - start.x) * s) / steps, start.y + ((end.y - start.y) * s) / steps)) return true;
          return false;
        });
        if (crosses) found.push(`label of ${label.id} overlaps ${flow.id === label.id ? 'its own flow' : `the flow ${flow.id}`}`);
      }
    }
    return found;
  }, { selector: container, containers: containerIds(xml) });
}

/** pools, lanes, sub-processes and groups: shapes that hold other shapes and their labels by design */
function containerIds(xml: string): string[] {
  return [...xml.matchAll(/<(?:[\w-]+:)?(?:process|collaboration|participant|lane|subProcess|transaction|adHocSubProcess|group)\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
}
