import { deployments } from '../api/engine';

/** A DMN file beside the open process: saved with its draft, deployed with it. */
export interface DiagramDecisions {
  /** the resource name it is deployed as (ends with .dmn) */
  readonly fileName: string;
  readonly content: string;
}

const DMN_NAMESPACES = new Set([
  'https://www.omg.org/spec/DMN/20191111/MODEL/',
  'http://www.omg.org/spec/DMN/20180521/MODEL/',
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd',
]);

/** the ids of the decisions a DMN file declares (its keys once deployed); none if it is not DMN */
export function decisionIdsOf(content: string): string[] {
  const document = new DOMParser().parseFromString(content, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return [];
  return [...document.documentElement.children]
    .filter((e) => e.localName === 'decision' && DMN_NAMESPACES.has(e.namespaceURI ?? ''))
    .map((e) => e.getAttribute('id') ?? '')
    .filter(Boolean);
}

/** an imported .dmn file, DMN 1.1 and 1.2 migrated to 1.3 (what dmn-js edits); refused when it declares no decision */
export async function readDmnFile(file: File): Promise<DiagramDecisions> {
  const text = await file.text();
  if (decisionIdsOf(text).length === 0) throw new Error(`${file.name} is not a DMN file: it declares no decision`);
  const { migrateDiagram } = await import('@bpmn-io/dmn-migrate');
  const content = await migrateDiagram(text);
  return { fileName: file.name.endsWith('.dmn') ? file.name : `${file.name.replace(/\.xml$/, '')}.dmn`, content };
}

/** the DMN files of a deployment that declare a decision the diagram names, so redeploying it keeps them */
export async function decisionsOfDeployment(deploymentId: string, referenced: ReadonlySet<string>): Promise<DiagramDecisions[]> {
  const resources = (await deployments.resources(deploymentId)).filter((r) => /\.dmn$/i.test(r.name));
  const files = await Promise.all(resources.map(async (r) => ({ fileName: r.name, content: await deployments.resourceText(deploymentId, r.id) })));
  return files.filter((f) => decisionIdsOf(f.content).some((id) => referenced.has(id)));
}

interface ElementRegistry {
  getAll(): { businessObject?: { get?(name: string): unknown } }[];
}

/** the decision keys the diagram's business rule tasks name literally (camunda:decisionRef) */
export function decisionRefsOf(elementRegistry: ElementRegistry): Set<string> {
  const refs = new Set<string>();
  for (const element of elementRegistry.getAll()) {
    const ref = element.businessObject?.get?.('camunda:decisionRef');
    if (typeof ref === 'string' && ref !== '' && !ref.includes('${')) refs.add(ref);
  }
  return refs;
}
