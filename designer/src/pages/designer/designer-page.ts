import type Modeler from 'bpmn-js/lib/Modeler';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../app/html';
import { href, navigate, setQuery, type Route } from '../../app/router';
import { decisions as decisionsApi } from '../../api/decisions';
import { definitions as definitionsApi, deployFiles } from '../../api/engine';
import { ApiError } from '../../api/http';
import type { ProcessDefinition, ProcessInstance } from '../../api/engine-types';
import type { DeployProblem, DeployProblems } from '../../bpmn/deploy-problems';
import { knownForms, setKnownDecisions, setKnownForms } from '../../bpmn/crm-lint';
import { normalizeForeignPrefixes } from '../../bpmn/preserve-di';
import { ErrorNote, errorText, useLoad } from '../../components/common';
import { DiagramTabs } from '../../dmn/diagram-tabs';
import { DmnEditor } from '../../dmn/dmn-editor';
import { decisionIdsOf, decisionRefsOf, decisionsOfDeployment, readDmnFile, type DiagramDecisions } from '../../dmn/dmn-files';
import { newDmnFile } from '../../dmn/new-dmn';
import { createModeler } from './create-modeler';
import { deleteDraft, listDrafts, saveDraft, type Draft } from './drafts';
import { formIdOf, formsLinkedBy, formsOfDeployment, recentlyDeployedFormIds, type DiagramForm } from './forms/diagram-forms';
import { FormsPanel } from './forms/forms-panel';
import { newDiagramXml } from './new-diagram';
import { problemsOf } from './engine-problems';
import { deployProblemsOf } from './parse-problems';
import { download, processInfo } from './process-info';
import { ProblemsPanel, type LintIssues } from './problems-panel';
import { ProcessList } from './process-list';
import { StartDialog } from './start-dialog';

interface EventBus {
  on(event: string, callback: (event: { issues: LintIssues }) => void): void;
}

interface Canvas {
  zoom(level: string): void;
  resized(): void;
}

interface Linting {
  update(): void;
  toggle(active: boolean): boolean;
}

declare global {
  interface Window {
    /** for browser tests: import and export without the file dialogs */
    crmDesigner?: { importXML(xml: string): Promise<unknown>; saveXML(): Promise<string> };
  }
}

/** The analysts' page: process list, modeler with properties and templates, problems, deploy and start. */
export function DesignerPage({ route }: { route: Route }) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const propertiesRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [lint, setLint] = useState<LintIssues>({});
  const [deployProblems, setDeployProblems] = useState<DeployProblem[]>([]);
  // the deployed definition is opened again after a deploy: its warnings must survive that import
  const deployWarnings = useRef<{ definitionId: string; problems: DeployProblem[] } | null>(null);
  // ... and the DMN files deployed with it stay open, also those no business rule task names yet
  const deployedDmn = useRef<{ definitionId: string; decisions: DiagramDecisions[] } | null>(null);
  const [forms, setForms] = useState<DiagramForm[]>([]);
  const [decisions, setDecisions] = useState<DiagramDecisions[]>([]);
  /** the open DMN file; null: the process */
  const [dmnTab, setDmnTab] = useState<string | null>(null);
  /** new DMN files open on their decision table */
  const newDmnFiles = useRef(new Set<string>());
  /** whether the deployed decisions were asked for (once a business rule task names one, again after a deploy) */
  const deployedDecisionsAsked = useRef(false);
  const [drafts, setDrafts] = useState<Draft[]>(listDrafts);
  const [deployed, setDeployed] = useState<ProcessDefinition | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const list = useLoad(() => definitionsApi.list({ maxResults: 500 }), []);
  const openId = route.query.get('definition');

  useEffect(() => {
    const modeler = createModeler(canvasRef.current!, propertiesRef.current!);
    modelerRef.current = modeler;
    (modeler.get('eventBus') as EventBus).on('linting.completed', (event) => setLint({ ...event.issues }));
    // the deployed decisions are asked for once a business rule task names one (imported or edited)
    for (const event of ['import.done', 'elements.changed']) (modeler.get('eventBus') as EventBus).on(event, () => askDeployedDecisions());
    window.crmDesigner = {
      importXML: async (xml) => {
        const result = await modeler.importXML(normalizeForeignPrefixes(xml));
        setDeployed(null);
        setDeployProblems([]);
        return result;
      }, saveXML: async () => (await modeler.saveXML({ format: true })).xml ?? '' };
    if (!openId) void importXml(newDiagramXml(), null);
    recentlyDeployedFormIds().then((ids) => relint({ deployedIds: ids })).catch(() => undefined);
    return () => {
      delete window.crmDesigner;
      // a lint still running (it is asynchronous) must not draw its overlays on the destroyed canvas
      (modeler.get('linting') as Linting).toggle(false);
      modeler.destroy();
    };
  }, []);

  useEffect(() => {
    if (!openId) return;
    definitionsApi
      .get(openId)
      .then(async (definition) => {
        const [xml, deployedForms] = await Promise.all([definitionsApi.xml(definition.id), formsOfDeployment(definition.deploymentId)]);
        const dmnFiles = deployedDmn.current?.definitionId === definition.id ? deployedDmn.current.decisions : await deployedDecisionsOf(xml, definition.deploymentId);
        await importXml(xml, definition, deployedForms, dmnFiles);
      })
      .catch((e) => setError(errorText(e)));
  }, [openId]);

  const modeler = () => modelerRef.current!;
  const problems = () => modeler().get('deployProblems') as DeployProblems;
  const relint = (known: Parameters<typeof setKnownForms>[0]) => {
    setKnownForms(known);
    (modelerRef.current?.get('linting') as Linting | undefined)?.update();
  };

  useEffect(() => relint({ attachedIds: new Set(forms.map(formIdOf)), attachedFiles: new Set(forms.map((f) => f.fileName)) }), [forms]);

  useEffect(() => {
    setKnownDecisions({ openIds: new Set(decisions.flatMap((d) => decisionIdsOf(d.content))) });
    (modelerRef.current?.get('linting') as Linting | undefined)?.update();
  }, [decisions]);

  /** the deployed decisions' keys, for the lint: asked once a business rule task names a decision; unknown (null) without the endpoint */
  function askDeployedDecisions(force = false): void {
    if (deployedDecisionsAsked.current && !force) return;
    const modeler = modelerRef.current;
    if (!modeler || decisionRefsOf(modeler.get('elementRegistry')).size === 0) return;
    deployedDecisionsAsked.current = true;
    decisionsApi
      .latest()
      .then((list) => new Set(list.map((d) => d.key)))
      .catch((e) => {
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return null;
        throw e;
      })
      .then((deployedIds) => {
        setKnownDecisions({ deployedIds });
        (modelerRef.current?.get('linting') as Linting | undefined)?.update();
      })
      .catch(() => undefined);
  }

  /** `attached`: the diagram's forms; of a deployed definition, only those it links (its deployment may hold other models' forms) */
  async function importXml(xml: string, definition: ProcessDefinition | null, attached: readonly DiagramForm[] = [], dmnFiles: readonly DiagramDecisions[] = []): Promise<void> {
    try {
      const result = await modeler().importXML(normalizeForeignPrefixes(xml));
      setForms(definition ? formsLinkedBy(modeler().get('elementRegistry'), attached) : [...attached]);
      setDecisions([...dmnFiles]);
      showTab(null);
      (modeler().get('canvas') as Canvas).zoom('fit-viewport');
      setDeployed(definition);
      const kept = definition && deployWarnings.current?.definitionId === definition.id ? deployWarnings.current.problems : [];
      problems().show(kept);
      setDeployProblems(kept);
      setError(result.warnings.length ? `Imported with ${result.warnings.length} warning(s): ${String(result.warnings[0] ?? '')}` : null);
    } catch (e) {
      setError(`Cannot open the diagram: ${errorText(e)}`);
    }
  }

  /** the DMN files deployed with the definition that declare a decision it names */
  async function deployedDecisionsOf(xml: string, deploymentId: string): Promise<DiagramDecisions[]> {
    const refs = new Set([...xml.matchAll(/camunda:decisionRef="([^"$]+)"/g)].map((m) => m[1]!));
    return refs.size === 0 ? [] : decisionsOfDeployment(deploymentId, refs).catch(() => []);
  }

  function showTab(fileName: string | null): void {
    setDmnTab(fileName);
    // the canvas was hidden: it measures its container again
    if (fileName === null) requestAnimationFrame(() => (modelerRef.current?.get('canvas') as Canvas | undefined)?.resized());
  }

  const onNewDmn = () => {
    const file = newDmnFile();
    newDmnFiles.current.add(file.fileName);
    setDecisions([...decisions, file]);
    showTab(file.fileName);
    setMessage(`New decision table in ${file.fileName}`);
  };

  const onImportDmn = async (file: File) => {
    try {
      const read = await readDmnFile(file);
      setDecisions([...decisions.filter((d) => d.fileName !== read.fileName), read]);
      showTab(read.fileName);
      setMessage(`Imported ${read.fileName}`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const onDmnChanged = (fileName: string, content: string) =>
    setDecisions((all) => all.map((d) => (d.fileName === fileName ? { fileName, content } : d)));

  async function currentXml(): Promise<string> {
    return (await modeler().saveXML({ format: true })).xml ?? '';
  }

  const onNew = async () => {
    setQuery({ definition: null });
    await importXml(newDiagramXml(), null);
    setMessage('New diagram');
  };

  const onImportFile = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setQuery({ definition: null });
    await importXml(await file.text(), null);
    setMessage(`Imported ${file.name}`);
    input.value = '';
  };

  const onSaveDraft = async () => {
    const info = processInfo(modeler());
    if (!info) return setError('The diagram has no process to save');
    saveDraft({ processId: info.id, name: info.name, xml: await currentXml(), forms, decisions });
    setDrafts(listDrafts());
    setMessage(`Draft of ${info.name} saved in this browser`);
  };

  const onDownload = async () => {
    const info = processInfo(modeler());
    download(`${info?.id ?? 'diagram'}.bpmn`, await currentXml());
  };

  const onDeploy = async () => {
    const info = processInfo(modeler());
    if (!info) return setError('The diagram has no process to deploy');
    setError(null);
    setMessage('Deploying…');
    try {
      const files = [
        { name: `${info.id}.bpmn`, content: await currentXml() },
        ...forms.map((f) => ({ name: f.fileName, content: f.content })),
        ...decisions.map((d) => ({ name: d.fileName, content: d.content })),
      ];
      const result = await deployFiles(info.name, files);
      const definition = Object.values(result.deployedProcessDefinitions ?? {}).find((d) => d.key === info.id)
        ?? (await definitionsApi.list({ key: info.id, latestVersion: true }))[0]
        ?? null;
      const warnings = problemsOf(result.warnings ?? {}, 'warn');
      problems().show(warnings);
      setDeployProblems(warnings);
      deployWarnings.current = definition ? { definitionId: definition.id, problems: warnings } : null;
      deployedDmn.current = definition ? { definitionId: definition.id, decisions } : null;
      setDeployed(definition);
      list.reload();
      if (definition) setQuery({ definition: definition.id });
      relint({ deployedIds: new Set([...(knownForms().deployedIds ?? []), ...forms.map(formIdOf)]) });
      askDeployedDecisions(true);
      const version = definition?.version ?? '?';
      if (!result.deployedProcessDefinitions) setMessage(`Unchanged: ${info.name} version ${version} is already deployed`);
      else if (warnings.length > 0) setMessage(`${info.name} as version ${version} deployed with ${warnings.length} warning(s) (see Problems)`);
      else setMessage(`Deployed ${info.name} as version ${version}`);
    } catch (e) {
      const found = deployProblemsOf(e);
      setDeployProblems(found);
      problems().show(found);
      setMessage(null);
      setError(`The engine refused the deployment: ${errorText(e)}`);
    }
  };

  const onStarted = (instance: ProcessInstance) => {
    setStarting(false);
    setMessage(`Started instance ${instance.id}${instance.businessKey ? ` (${instance.businessKey})` : ''}`);
  };

  const onCompare = (key: string) => {
    const versions = (list.data ?? []).filter((d) => d.key === key).sort((a, b) => b.version - a.version);
    if (versions.length < 2) return;
    navigate(href('/designer/compare', { left: versions[1]!.id, right: versions[0]!.id }));
  };

  /** a problem names an element of the process: its tab comes to the front (the canvas measured again), then the element */
  const onReveal = (id: string) => {
    if (dmnTab === null) return problems().reveal(id);
    showTab(null);
    requestAnimationFrame(() => requestAnimationFrame(() => problems().reveal(id)));
  };

  const openDmn = decisions.find((d) => d.fileName === dmnTab) ?? null;

  return html`<div class="designer">
    <${ProcessList}
      definitions=${list.data ?? []}
      drafts=${drafts}
      openId=${deployed?.id ?? null}
      onOpenDefinition=${(d: ProcessDefinition) => setQuery({ definition: d.id }, { replace: false })}
      onOpenDraft=${async (d: Draft) => { setQuery({ definition: null }); await importXml(d.xml, null, d.forms ?? [], d.decisions ?? []); setMessage(`Opened draft ${d.name}`); }}
      onDeleteDraft=${(d: Draft) => { deleteDraft(d.processId); setDrafts(listDrafts()); }}
      onCompare=${onCompare}
    />
    <div class="designer-main">
      <div class="toolbar" role="toolbar" aria-label="Diagram">
        <button type="button" onClick=${onNew}>New</button>
        <button type="button" onClick=${() => fileRef.current?.click()}>Import .bpmn</button>
        <input ref=${fileRef} type="file" accept=".bpmn,.xml" hidden data-testid="import-file" onChange=${onImportFile} />
        <button type="button" onClick=${onSaveDraft}>Save draft</button>
        <button type="button" onClick=${onDownload}>Download .bpmn</button>
        <button type="button" class="primary" onClick=${onDeploy}>Deploy</button>
        <button type="button" disabled=${!deployed} onClick=${() => setStarting(true)}>Start instance</button>
        <span class="status" data-testid="designer-status">${deployed ? `${deployed.name ?? deployed.key} v${deployed.version}` : 'not deployed'}</span>
      </div>
      ${message && html`<p class="message" data-testid="designer-message">${message}</p>`}
      <${ErrorNote} error=${error ?? list.error} />
      <${DiagramTabs} decisions=${decisions} active=${dmnTab} onSelect=${showTab} onNew=${onNewDmn} onImport=${onImportDmn}
        onDownload=${(d: DiagramDecisions) => download(d.fileName, d.content)}
        onRemove=${(d: DiagramDecisions) => { setDecisions(decisions.filter((f) => f !== d)); showTab(null); }} />
      ${openDmn && html`<${DmnEditor} key=${openDmn.fileName} file=${openDmn} openTable=${newDmnFiles.current.has(openDmn.fileName)}
        onChange=${(content: string) => onDmnChanged(openDmn.fileName, content)} />`}
      <div class=${openDmn ? 'modeler is-hidden' : 'modeler'}>
        <div class="modeler-canvas" ref=${canvasRef} data-testid="modeler-canvas"></div>
        <div class="modeler-properties" ref=${propertiesRef} data-testid="properties-panel"></div>
      </div>
      <div class=${openDmn ? 'is-hidden' : ''}><${FormsPanel} forms=${forms} processId=${() => processInfo(modeler())?.id ?? 'process'} onChange=${setForms} onError=${setError} /></div>
      <${ProblemsPanel} lint=${lint} deploy=${deployProblems} onReveal=${onReveal} />
    </div>
    ${starting && deployed && html`<${StartDialog} definition=${deployed} onClose=${() => setStarting(false)} onStarted=${onStarted} />`}
  </div>`;
}
