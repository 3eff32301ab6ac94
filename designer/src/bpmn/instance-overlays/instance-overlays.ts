import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';

const OVERLAY_TYPE = 'crm-instance';
const MARKERS = ['crm-active', 'crm-executed', 'crm-incident', 'crm-changed', 'crm-added', 'crm-removed'] as const;
export type Marker = (typeof MARKERS)[number];

export interface ElementCounts {
  readonly id: string;
  readonly active: number;
  readonly incidents: number;
}

/**
 * Runtime state on a read-only diagram: active tokens and incidents per element, the executed
 * path, the current step, and a heatmap of how often each element ran.
 */
export class InstanceOverlays {
  static $inject = ['canvas', 'overlays', 'elementRegistry'];

  constructor(
    private readonly canvas: Canvas,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
  ) {}

  clear(): void {
    this.overlays.remove({ type: OVERLAY_TYPE });
    for (const element of this.elementRegistry.getAll()) for (const marker of MARKERS) this.canvas.removeMarker(element.id, marker);
  }

  mark(ids: Iterable<string>, marker: Marker): void {
    for (const id of ids) if (this.elementRegistry.get(id)) this.canvas.addMarker(id, marker);
  }

  /** badges: active tokens bottom left (blue), incidents bottom right (red) */
  showCounts(counts: readonly ElementCounts[]): void {
    for (const count of counts) {
      if (!this.elementRegistry.get(count.id)) continue;
      if (count.active > 0) this.badge(count.id, String(count.active), 'crm-badge-active', { bottom: 10, left: -8 }, `${count.active} active`);
      if (count.incidents > 0) {
        this.badge(count.id, String(count.incidents), 'crm-badge-incident', { bottom: 10, right: 8 }, `${count.incidents} incident(s)`);
        this.canvas.addMarker(count.id, 'crm-incident');
      }
    }
  }

  /** a translucent layer over each element, hotter the more often it ran */
  showHeatmap(runs: ReadonlyMap<string, number>): void {
    const max = Math.max(1, ...runs.values());
    for (const [id, count] of runs) {
      const element = this.elementRegistry.get(id) as { width?: number; height?: number; waypoints?: unknown } | undefined;
      if (!element || element.waypoints || !element.width || !element.height) continue;
      const heat = count / max;
      const layer = document.createElement('div');
      layer.className = 'crm-heat';
      layer.title = `${count} run(s)`;
      layer.dataset['count'] = String(count);
      layer.style.width = `${element.width}px`;
      layer.style.height = `${element.height}px`;
      layer.style.background = `hsla(${Math.round(60 - 60 * heat)}, 100%, 50%, ${0.25 + 0.45 * heat})`;
      this.overlays.add(id, OVERLAY_TYPE, { position: { top: 0, left: 0 }, html: layer });
    }
  }

  private badge(id: string, text: string, className: string, position: Record<string, number>, title: string): void {
    const badge = document.createElement('span');
    badge.className = `crm-badge ${className}`;
    badge.textContent = text;
    badge.title = title;
    this.overlays.add(id, OVERLAY_TYPE, { position, html: badge });
  }
}
