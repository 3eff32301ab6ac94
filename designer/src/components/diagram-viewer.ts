import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../app/html';
import instanceOverlaysModule, { type InstanceOverlays } from '../bpmn/instance-overlays';

export interface ViewerHandle {
  readonly overlays: InstanceOverlays;
  readonly viewer: NavigatedViewer;
}

interface Props {
  readonly xml: string | null;
  /** decorates the diagram after import; runs again when `decorationKey` changes */
  readonly decorate?: (handle: ViewerHandle) => void;
  readonly decorationKey?: string;
  readonly height?: string;
  readonly testId?: string;
}

/** A read-only BPMN diagram (zoom and pan) with runtime overlays. */
export function DiagramViewer({ xml, decorate, decorationKey = '', height = '360px', testId = 'diagram' }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    viewer.current = new NavigatedViewer({ container: container.current!, additionalModules: [instanceOverlaysModule] });
    return () => viewer.current?.destroy();
  }, []);

  useEffect(() => {
    if (!xml || !viewer.current) return;
    let cancelled = false;
    viewer.current
      .importXML(xml)
      .then(() => {
        if (cancelled) return;
        (viewer.current!.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
        setError(null);
        setImported(xml);
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => void (cancelled = true);
  }, [xml]);

  useEffect(() => {
    if (!imported || !viewer.current || !decorate) return;
    const overlays = viewer.current.get('instanceOverlays') as InstanceOverlays;
    overlays.clear();
    decorate({ overlays, viewer: viewer.current });
  }, [imported, decorationKey]);

  return html`<div class="diagram" data-testid=${testId} data-ready=${imported ? 'true' : 'false'} style=${{ height }}>
    <div class="diagram-canvas" ref=${container}></div>
    ${error && html`<p class="error">Cannot show the diagram: ${error}</p>`}
  </div>`;
}
