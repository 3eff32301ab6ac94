import type { Response } from 'express';
import type { DeployedForm } from '../../core/forms/deployed-form.js';

/** a deployed form as Camunda's REST API sends it: JSON for a form-js schema, XHTML for an embedded form */
export function sendDeployedForm(res: Response, form: DeployedForm): void {
  const json = /\.(form|json)$/i.test(form.resourceName);
  res.status(200).type(json ? 'application/json' : 'application/xhtml+xml').send(form.content);
}
