import { deployments } from '../../../api/engine';
import { parseFormSchema } from '../../../model/form-schema';

/** A form-js schema attached to the open diagram: saved with its draft, deployed with it. */
export interface DiagramForm {
  /** the resource name it is deployed as */
  readonly fileName: string;
  readonly content: string;
}

export function formIdOf(form: DiagramForm): string {
  try {
    return parseFormSchema(form.content, form.fileName).id;
  } catch {
    return '';
  }
}

/** an imported .form file, checked as the engine will check it */
export async function readFormFile(file: File): Promise<DiagramForm> {
  const content = await file.text();
  parseFormSchema(content, file.name);
  return { fileName: file.name.endsWith('.form') ? file.name : `${file.name}.form`, content };
}

/** a form id (and file name) not yet attached: `<process id>-form`, then `-form-2`, ... */
export function freeFormId(processId: string, forms: readonly DiagramForm[]): string {
  const taken = new Set(forms.flatMap((f) => [formIdOf(f), f.fileName.replace(/\.form$/, '')]));
  const base = `${processId}-form`;
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** the forms deployed with a definition, so redeploying it keeps them */
export async function formsOfDeployment(deploymentId: string): Promise<DiagramForm[]> {
  const resources = (await deployments.resources(deploymentId)).filter((r) => r.name.endsWith('.form'));
  return Promise.all(resources.map(async (r) => ({ fileName: r.name, content: await deployments.resourceText(deploymentId, r.id) })));
}

/** ids of the forms in the latest deployments (a hint for linting, so bounded: not every deployment) */
export async function recentlyDeployedFormIds(maxDeployments = 30): Promise<Set<string>> {
  const recent = await deployments.list({ sortBy: 'deploymentTime', sortOrder: 'desc', maxResults: maxDeployments });
  const forms = await Promise.all(recent.map((d) => formsOfDeployment(d.id).catch(() => [])));
  return new Set(forms.flat().map(formIdOf).filter(Boolean));
}

interface ElementRegistry {
  getAll(): { businessObject?: { get?(name: string): unknown } }[];
}

/**
 * The forms of a deployment that the diagram links (formRef ids, camunda-forms:deployment: files):
 * a deployment of several models brings only the open one's forms along.
 */
export function formsLinkedBy(elementRegistry: ElementRegistry, forms: readonly DiagramForm[]): DiagramForm[] {
  const names = new Set<string>();
  for (const element of elementRegistry.getAll()) {
    const bo = element.businessObject;
    const formRef = bo?.get?.('camunda:formRef');
    const formKey = bo?.get?.('camunda:formKey');
    if (typeof formRef === 'string') names.add(formRef);
    if (typeof formKey === 'string' && formKey.startsWith('camunda-forms:deployment:')) names.add(formKey.slice('camunda-forms:deployment:'.length));
  }
  return forms.filter((f) => names.has(formIdOf(f)) || names.has(f.fileName));
}
