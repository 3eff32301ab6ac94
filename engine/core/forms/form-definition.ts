/** How a `camunda:formRef` picks the version of a form: Camunda 7's `camunda:formRefBinding`. */
export type FormRefBinding = 'latest' | 'deployment' | 'version';

export const FORM_REF_BINDINGS: readonly FormRefBinding[] = ['latest', 'deployment', 'version'];

/** A task's or start event's evaluated `camunda:formRef`: Camunda's CamundaFormRef. */
export interface CamundaFormRef {
  /** the `id` in the form's JSON */
  readonly key: string;
  readonly binding: FormRefBinding;
  /** only with binding `version` */
  readonly version: number | null;
}

/** A deployed form-js schema (a `.form` resource), versioned per key like a process definition. */
export interface FormDefinitionRecord {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly deploymentId: string;
  readonly resourceName: string;
  readonly tenantId: string | null;
}

/** `latest` and `version` bindings look forms up by key; `deployment` reads the definition's own deployment */
export type FormDefinitionRef =
  | { readonly by: 'latest'; readonly key: string; readonly tenantId: string | null }
  | { readonly by: 'version'; readonly key: string; readonly version: number; readonly tenantId: string | null };
