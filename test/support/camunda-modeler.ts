/**
 * The requests the Camunda Modeler's deploy button sends to a Camunda 7 engine, and what it reads
 * from the answers, rebuilt from its Camunda plugin (`CamundaAPI`, `RestAPI`): a browser FormData
 * with the fields in its order, the diagram as a `text/xml` Blob named by its file name, attachments
 * as untyped Blobs, `Accept: application/json` and HTTP Basic or a Bearer token on every request.
 */

export type ModelerAuth = { readonly username: string; readonly password: string } | { readonly token: string };

export interface ModelerFile {
  readonly name: string;
  readonly contents: string;
}

export interface ModelerDeployment {
  /** the Modeler proposes the file name without its extension */
  readonly name: string;
  readonly tenantId?: string;
  /** files the user adds in the deploy overlay (forms, decisions, scripts) */
  readonly attachments?: readonly ModelerFile[];
}

/**
 * `current`: the Camunda plugin of Modeler 5 asks for `enable-duplicate-filtering=true`;
 * `legacy`: the deployment tool of the earlier Modelers asked for `deploy-changed-only=true`.
 */
export type ModelerFlavour = 'current' | 'legacy';

/** what the Modeler keeps of a successful deployment: it starts instances of `deployedProcessDefinition` */
export interface ModelerDeployed {
  readonly id: string;
  readonly deployedProcessDefinitions: Record<string, { id: string; key: string; version: number; tenantId: string | null }> | null;
  readonly deployedProcessDefinition: { id: string; key: string; version: number; tenantId: string | null } | undefined;
}

/** how the Modeler classifies a failed request (its `code`) and the text it writes to its log (`problems`) */
export interface ModelerError {
  readonly status: number;
  readonly code: 'DIAGRAM_PARSE_ERROR' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR' | 'UNAVAILABLE_ERROR' | 'CONNECTION_FAILED';
  readonly problems: string | undefined;
  readonly body: any;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ModelerError };

const PARSE_ERROR_PREFIX = 'ENGINE-09005 Could not parse BPMN process.';

export class CamundaModeler {
  private readonly baseUrl: string;

  /** `endpointUrl` as typed in the deploy overlay; the Modeler strips a trailing `/deployment/create` */
  constructor(
    endpointUrl: string,
    private readonly auth: ModelerAuth,
    private readonly flavour: ModelerFlavour = 'current',
  ) {
    this.baseUrl = endpointUrl.replace(/\/deployment\/create\/?/, '');
  }

  /** the connection check of the deploy overlay */
  async checkConnection(): Promise<Outcome<void>> {
    const response = await this.fetch('/deployment?maxResults=0');
    return response.ok ? { ok: true, value: undefined } : { ok: false, error: await errorOf(response) };
  }

  /** asked before each deployment, for its telemetry */
  async getVersion(): Promise<Outcome<string>> {
    const response = await this.fetch('/version');
    if (!response.ok) return { ok: false, error: await errorOf(response) };
    const { version } = (await response.json()) as { version: string };
    return { ok: true, value: version };
  }

  async deployDiagram(diagram: ModelerFile, deployment: ModelerDeployment): Promise<Outcome<ModelerDeployed>> {
    const form = new FormData();
    form.append('deployment-name', deployment.name);
    form.append('deployment-source', 'Camunda Modeler');
    if (this.flavour === 'current') form.append('enable-duplicate-filtering', 'true');
    else form.append('deploy-changed-only', 'true');
    if (deployment.tenantId) form.append('tenant-id', deployment.tenantId);
    form.append(diagram.name, new Blob([diagram.contents], { type: 'text/xml' }), diagram.name);
    for (const file of deployment.attachments ?? []) form.append(file.name, new Blob([file.contents]), file.name);

    const response = await this.fetch('/deployment/create', { method: 'POST', body: form });
    if (!response.ok) return { ok: false, error: await errorOf(response) };
    const { id, deployedProcessDefinitions } = (await response.json()) as Omit<ModelerDeployed, 'deployedProcessDefinition'>;
    return { ok: true, value: { id, deployedProcessDefinitions, deployedProcessDefinition: Object.values(deployedProcessDefinitions ?? {})[0] } };
  }

  /** the Modeler's "Start process instance" after a deployment */
  async startInstance(definition: { id: string }, options: { businessKey?: string; variables?: Record<string, unknown> }): Promise<Outcome<any>> {
    const response = await this.fetch(`/process-definition/${definition.id}/start`, {
      method: 'POST',
      body: JSON.stringify({ businessKey: options.businessKey, variables: options.variables }),
      headers: { 'content-type': 'application/json' },
    });
    return response.ok ? { ok: true, value: await response.json() } : { ok: false, error: await errorOf(response) };
  }

  private fetch(path: string, init: { method?: string; body?: FormData | string; headers?: Record<string, string> } = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { ...init, headers: { ...init.headers, ...this.headers() } });
  }

  private headers(): Record<string, string> {
    const authorization = 'token' in this.auth
      ? `Bearer ${this.auth.token}`
      : `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password}`, 'latin1').toString('base64')}`;
    return { accept: 'application/json', authorization };
  }
}

async function errorOf(response: Response): Promise<ModelerError> {
  let body: any = {};
  try {
    body = await response.json();
  } catch {
    // the Modeler reads a body that is not JSON as {}
  }
  const parseError = typeof body?.message === 'string' && body.message.startsWith(PARSE_ERROR_PREFIX);
  return { status: response.status, code: parseError ? 'DIAGRAM_PARSE_ERROR' : codeOfStatus(response.status), problems: body?.message, body };
}

function codeOfStatus(status: number): ModelerError['code'] {
  const codes: Record<number, ModelerError['code']> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 500: 'INTERNAL_SERVER_ERROR', 503: 'UNAVAILABLE_ERROR' };
  return codes[status] ?? 'CONNECTION_FAILED';
}
