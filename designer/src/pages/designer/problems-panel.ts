import { html } from '../../app/html';
import type { DeployProblem } from '../../bpmn/deploy-problems';

export interface LintIssue {
  readonly id: string;
  readonly message: string;
  readonly category: string;
  readonly rule?: string;
}

export type LintIssues = Record<string, LintIssue[]>;

interface Props {
  readonly lint: LintIssues;
  readonly deploy: readonly DeployProblem[];
  readonly onReveal: (elementId: string) => void;
}

interface Row {
  readonly source: 'engine' | 'lint';
  readonly severity: string;
  readonly elementId: string | null;
  readonly message: string;
  readonly rule: string;
}

const ORDER: Record<string, number> = { error: 0, 'rule-error': 0, warn: 1, info: 2 };

/** Lint issues and the engine's deploy errors and warnings in one list; a click reveals the element. */
export function ProblemsPanel({ lint, deploy, onReveal }: Props) {
  const rows: Row[] = [
    // the engine's message already names its rule and section
    ...deploy.map((p) => ({ source: 'engine' as const, severity: p.severity, elementId: p.elementId, message: p.message, rule: 'deploy' })),
    ...Object.entries(lint).flatMap(([elementId, issues]) =>
      issues.map((i) => ({ source: 'lint' as const, severity: i.category, elementId, message: i.message, rule: i.rule ?? '' })),
    ),
  ].sort((a, b) => (a.source === b.source ? (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3) : a.source === 'engine' ? -1 : 1));
  const errors = rows.filter((r) => r.severity === 'error' || r.severity === 'rule-error').length;
  const warnings = rows.filter((r) => r.severity === 'warn').length;
  return html`<section class="problems" data-testid="problems">
    <header><strong>Problems</strong> <span class="count">${errors} error(s), ${warnings} warning(s)</span></header>
    ${rows.length === 0
      ? html`<p class="muted">No problems.</p>`
      : html`<ul>
          ${rows.map(
            (row) => html`<li class=${`problem problem-${row.severity} problem-${row.source}`}>
              <button type="button" class="link" disabled=${!row.elementId} onClick=${() => row.elementId && onReveal(row.elementId)}>
                <span class="severity">${row.source === 'engine' ? 'engine' : row.severity}</span>
                <code>${row.elementId ?? '—'}</code>
                <span class="problem-message">${row.message}</span>
                ${row.rule && html`<small>${row.rule}</small>`}
              </button>
            </li>`,
          )}
        </ul>`}
  </section>`;
}
