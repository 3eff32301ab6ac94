import type DmnModelerType from 'dmn-js/lib/Modeler';
import type { DmnView, DmnViewer } from 'dmn-js/lib/Modeler';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../app/html';
import { ErrorNote, errorText } from '../components/common';
import { decisionTablesOf, type DecisionTableInfo } from './decision-tables';
import { DecisionTestPanel } from './decision-test-panel';
import type { DiagramDecisions } from './dmn-files';
import { InputVariablesPanel } from './input-variables-panel';

interface Props {
  readonly file: DiagramDecisions;
  /** open the first decision table instead of the DRD (a new file) */
  readonly openTable: boolean;
  /** the file's XML after every change in the editor */
  readonly onChange: (content: string) => void;
}

const VIEW_KINDS: Record<DmnView['type'], string> = { drd: 'DRD', decisionTable: 'decision table', literalExpression: 'literal expression', boxedExpression: 'boxed expression' };

/**
 * dmn-js's modeler for one DMN file: the DRD with its properties panel, the decision table and
 * literal expression editors (its views, switched here or by dmn-js's drill-down), the table's
 * input variables and a test evaluation against the deployed decision.
 */
export function DmnEditor({ file, openTable, onChange }: Props) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const propertiesRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<DmnModelerType | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const [views, setViews] = useState<DmnView[]>([]);
  const [active, setActive] = useState<DmnView | null>(null);
  const [tables, setTables] = useState<DecisionTableInfo[]>([]);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { createDmnModeler } = await import('./dmn-modeler');
      if (cancelled || !canvasRef.current || !propertiesRef.current) return;
      const modeler = createDmnModeler(canvasRef.current, propertiesRef.current);
      modelerRef.current = modeler;
      const refresh = () => setTables(decisionTablesOf(modeler.getDefinitions()));
      modeler.on('views.changed', (event: { views: DmnView[]; activeView: DmnView | null }) => {
        setViews([...event.views]);
        setActive(event.activeView);
        refresh();
      });
      modeler.on('viewer.created', ({ viewer }: { viewer: DmnViewer }) =>
        viewer.on('commandStack.changed', () => {
          refresh();
          modeler.saveXML({ format: true }).then(({ xml }) => !cancelled && changed.current(xml)).catch((e) => setError(errorText(e)));
        }),
      );
      const result = await modeler.importXML(file.content);
      if (cancelled) return;
      const table = modeler.getViews().find((v) => v.type === 'decisionTable');
      if (openTable && table) await modeler.open(table);
      refresh();
      setError(result.warnings.length ? `Imported with ${result.warnings.length} warning(s): ${String((result.warnings[0] as { message?: string })?.message ?? result.warnings[0])}` : null);
      setReady(true);
    })().catch((e) => setError(`Cannot open ${file.fileName}: ${errorText(e)}`));
    return () => {
      cancelled = true;
      modelerRef.current?.destroy();
      modelerRef.current = null;
    };
  }, []);

  const viewer = () => modelerRef.current?.getActiveViewer();
  const activeTable = active?.type === 'decisionTable' ? tables.find((t) => t.id === active.element?.id) ?? null : null;

  return html`<div class="dmn-editor" data-testid="dmn-editor" data-file=${file.fileName} data-ready=${ready ? 'true' : 'false'} data-view=${active?.type ?? ''}>
    <div class="dmn-views" role="toolbar" aria-label="DMN views" data-testid="dmn-views">
      ${views.map((view) => html`<button type="button" class=${view === active ? 'active' : ''} aria-pressed=${view === active ? 'true' : 'false'}
        data-view-type=${view.type} data-view-id=${view.id} onClick=${() => modelerRef.current?.open(view).catch((e) => setError(errorText(e)))}>
        ${view.type === 'drd' ? 'DRD' : `${view.name || view.id}`} <small>${view.type === 'drd' ? '' : VIEW_KINDS[view.type]}</small>
      </button>`)}
    </div>
    <${ErrorNote} error=${error} />
    <div class="modeler dmn-modeler">
      <div class="modeler-canvas dmn-canvas" ref=${canvasRef} data-testid="dmn-canvas"></div>
      <div class="modeler-properties">
        <div ref=${propertiesRef} data-testid="dmn-properties-panel"></div>
        ${active?.type === 'drd' && html`<p class="muted dmn-hint">Select a decision: its id is the key a business rule task names (camunda:decisionRef).</p>`}
        ${activeTable && html`<${InputVariablesPanel} table=${activeTable} modeling=${() => viewer()?.get('modeling')} />`}
        ${active?.type === 'literalExpression' && html`<p class="muted dmn-hint">The decision's id, name, variable and history time to live are edited in the DRD view.</p>`}
      </div>
    </div>
    <${DecisionTestPanel} tables=${tables} selectedId=${active?.type === 'decisionTable' ? active.element?.id ?? null : null} />
  </div>`;
}
