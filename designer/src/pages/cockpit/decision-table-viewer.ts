import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import './decisions.css';
import DmnViewer from 'dmn-js/lib/Viewer';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../app/html';

/** the class the cells (and rows) of a matched rule get */
export const MATCHED_RULE_CLASS = 'crm-matched-rule';

interface Props {
  readonly xml: string | null;
  /** the decision's id in the DMN (the decision definition's key): its table is shown */
  readonly decisionKey: string;
  /** rules to highlight, by rule id (dmn-js renders each cell of a rule with data-row-id=ruleId) */
  readonly matchedRuleIds: readonly string[];
  readonly testId?: string;
}

/** A deployed decision, read-only (dmn-js's Viewer): its table, with the rules an evaluation matched highlighted. */
export function DecisionTableViewer({ xml, decisionKey, matchedRuleIds, testId = 'decision-table' }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<DmnViewer | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    viewer.current = new DmnViewer({ container: container.current! });
    return () => viewer.current?.destroy();
  }, []);

  useEffect(() => {
    if (!xml || !viewer.current) return;
    let cancelled = false;
    const dmn = viewer.current;
    setShown(null);
    dmn.importXML(xml, { open: false })
      .then(() => {
        const views = dmn.getViews();
        const view = views.find((v) => v.type !== 'drd' && v.element.id === decisionKey) ?? views[0];
        if (!view) throw new Error('the DMN holds no decision');
        return dmn.open(view);
      })
      .then(() => {
        if (cancelled) return;
        setError(null);
        setShown(`${decisionKey}:${xml.length}`);
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => void (cancelled = true);
  }, [xml, decisionKey]);

  useEffect(() => {
    if (!shown || !container.current) return;
    highlightRules(container.current, matchedRuleIds);
  }, [shown, matchedRuleIds.join(' ')]);

  return html`<div class="decision-viewer" data-testid=${testId} data-ready=${shown ? 'true' : 'false'}>
    <div class="decision-viewer-canvas" ref=${container}></div>
    ${error && html`<p class="error">Cannot show the decision: ${error}</p>`}
  </div>`;
}

/** marks the cells of the given rules and their rows; the marks of other rules go */
function highlightRules(root: HTMLElement, ruleIds: readonly string[]): void {
  for (const marked of root.querySelectorAll(`.${MATCHED_RULE_CLASS}`)) marked.classList.remove(MATCHED_RULE_CLASS);
  const wanted = new Set(ruleIds);
  for (const cell of root.querySelectorAll<HTMLElement>('[data-row-id]')) {
    if (!wanted.has(cell.dataset['rowId'] ?? '')) continue;
    cell.classList.add(MATCHED_RULE_CLASS);
    cell.closest('tr')?.classList.add(MATCHED_RULE_CLASS);
  }
}
