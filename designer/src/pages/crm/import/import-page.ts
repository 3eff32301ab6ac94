import { useEffect, useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { setQuery, type Route } from '../../../app/router';
import { imports, uploadImport, type ColumnMapping, type DryRunReport, type DuplicatePolicy, type ImportBatch, type ImportField } from '../../../api/imports';
import { ErrorNote, Section, errorText, useLoad } from '../../../components/common';
import './import.css';

const ACTIVE = new Set(['queued', 'running']);

/** Import of companies with their first contact: upload, mapping, dry run, start, progress, failures; the importer's past batches. */
export function ImportPage({ route }: { route: Route }) {
  const batchId = route.query.get('batch');
  const past = useLoad(imports.list, [batchId]);
  const fields = past.data?.fields ?? [];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the rows of the file uploaded last, shown only with its own batch
  const [preview, setPreview] = useState<{ batchId: string; rows: string[][] } | null>(null);

  const upload = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await uploadImport(file);
      setPreview({ batchId: answer.batch.id, rows: answer.preview });
      setQuery({ batch: answer.batch.id });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      (e.target as HTMLInputElement).value = '';
    }
  };

  return html`<div class="crm-import">
    <${Section} title="Import companies">
      <p class="muted">A CSV (comma, semicolon or tab separated, UTF-8) or XLSX file: one row per company with its first contact.</p>
      <label class="filters">File <input type="file" accept=".csv,.xlsx,text/csv" data-testid="import-file" disabled=${busy} onChange=${upload} /></label>
      <${ErrorNote} error=${error} />
    <//>
    ${batchId && fields.length > 0 ? html`<${BatchPanel} key=${batchId} id=${batchId} fields=${fields} preview=${preview?.batchId === batchId ? preview.rows : []} onChanged=${past.reload} />` : null}
    <${Section} title="Past imports">
      <${ErrorNote} error=${past.error} />
      <table data-testid="import-batches">
        <thead><tr><th>File</th><th>Status</th><th>Rows</th><th>Imported</th><th>Failed</th><th>Skipped</th><th>Uploaded</th></tr></thead>
        <tbody>${(past.data?.items ?? []).map((b) => html`<tr data-batch-id=${b.id} class=${b.id === batchId ? 'selected' : ''}>
          <td><a href=${`?batch=${b.id}`} onClick=${(e: MouseEvent) => { e.preventDefault(); setQuery({ batch: b.id }); }}>${b.fileName}</a></td>
          <td title=${b.status === 'failed' ? (b.lastError ?? '') : ''}>${b.status}</td><td>${b.totalRows}</td><td>${b.rowsImported}</td><td>${b.rowsFailed}</td><td>${b.rowsSkipped}</td>
          <td>${new Date(b.createdAt).toLocaleString()}</td>
        </tr>`)}</tbody>
      </table>
    <//>
  </div>`;
}

function BatchPanel({ id, fields, preview, onChanged }: { id: string; fields: ImportField[]; preview: string[][]; onChanged: () => void }) {
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [policy, setPolicy] = useState<DuplicatePolicy>('skip');
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    imports.get(id).then((b) => {
      if (cancelled) return;
      setBatch(b);
      setMapping(b.mapping ?? {});
      setPolicy(b.duplicatePolicy);
    }).catch((err: unknown) => setError(errorText(err)));
    return () => void (cancelled = true);
  }, [id]);

  // the live progress: polled while the batch waits or runs
  useEffect(() => {
    if (!batch || !ACTIVE.has(batch.status)) return;
    const timer = setTimeout(() => {
      imports.get(id).then((b) => {
        setBatch(b);
        if (!ACTIVE.has(b.status)) onChanged();
      }).catch((err: unknown) => setError(errorText(err)));
    }, 1000);
    return () => clearTimeout(timer);
  }, [batch]);

  if (!batch) return html`<${Section} title="Import"><${ErrorNote} error=${error} /><//>`;
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const dryRun = () => act(async () => setReport(await imports.dryRun(id, mapping, policy)));
  const start = () => act(async () => {
    setBatch(await imports.start(id, mapping, policy));
    onChanged();
  });
  const editable = batch.status === 'uploaded';
  const percent = batch.totalRows > 0 ? Math.floor((batch.rowsDone / batch.totalRows) * 100) : 0;

  return html`<${Section} title=${`Import of ${batch.fileName}`}>
    <p data-testid="import-status">${batch.totalRows} rows · ${batch.status}</p>
    ${batch.status === 'failed' ? html`<p class="error" role="alert" data-testid="import-failed">The import stopped after ${batch.rowsDone} of ${batch.totalRows} rows: ${batch.lastError ?? 'no reason was recorded'}. The rows done stay; the others were not imported.</p>` : null}
    <table class="import-mapping" data-testid="import-mapping">
      <thead><tr><th>Field</th><th>Column of the file</th></tr></thead>
      <tbody>${fields.map((f) => html`<tr>
        <td>${f.label}${f.required ? ' *' : ''}</td>
        <td><select name=${`map-${f.name}`} disabled=${!editable} value=${mapping[f.name] ?? ''}
          onChange=${(e: Event) => {
            const value = (e.target as HTMLSelectElement).value;
            setMapping({ ...mapping, [f.name]: value === '' ? null : Number(value) });
            setReport(null);
          }}>
          <option value="">—</option>
          ${batch.headers.map((h, i) => html`<option value=${String(i)}>${h}${preview[0]?.[i] ? ` (e.g. ${preview[0][i]})` : ''}</option>`)}
        </select></td>
      </tr>`)}</tbody>
    </table>
    <div class="filters">
      <label>Likely duplicates <select name="duplicate-policy" disabled=${!editable} value=${policy} onChange=${(e: Event) => setPolicy((e.target as HTMLSelectElement).value as DuplicatePolicy)}>
        <option value="skip">skip and report them</option><option value="import">import anyway</option>
      </select></label>
      <button type="button" data-testid="import-dry-run" disabled=${busy || !editable} onClick=${dryRun}>Dry run</button>
      <button type="button" data-testid="import-start" disabled=${busy || !editable} onClick=${start}>Start import</button>
    </div>
    <${ErrorNote} error=${error} />
    ${report ? html`<div data-testid="dry-run-report">
      <p><strong>${report.valid}</strong> of ${report.totalRows} rows can be imported; ${report.failed} have errors, ${report.duplicates} look like duplicates.</p>
      ${report.errors.length > 0 ? html`<table data-testid="dry-run-errors">
        <thead><tr><th>Row</th><th>Column</th><th>Problem</th></tr></thead>
        <tbody>${report.errors.map((e) => html`<tr class=${e.duplicate ? 'duplicate' : ''}><td>${e.row}</td><td>${e.column}</td><td>${e.message}</td></tr>`)}</tbody>
      </table>` : null}
      ${report.truncated ? html`<p class="muted">Only the first ${report.errors.length} problems are listed.</p>` : null}
    </div>` : null}
    ${editable ? null : html`<div data-testid="import-progress-panel">
      <progress data-testid="import-progress" max=${batch.totalRows} value=${batch.rowsDone}>${percent}%</progress>
      <p data-testid="import-counts">${batch.rowsDone} of ${batch.totalRows} rows done (${percent}%): ${batch.rowsImported} imported, ${batch.rowsFailed} failed, ${batch.rowsSkipped} skipped as duplicates</p>
      ${batch.rowsFailed + batch.rowsSkipped > 0 ? html`<a href=${imports.failuresUrl(id)} download data-testid="import-failures">Download failed and skipped rows (CSV)</a>` : null}
    </div>`}
  <//>`;
}
