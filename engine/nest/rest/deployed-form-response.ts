import type { Response } from 'express';
import type { DeployedForm } from '../../core/forms/deployed-form.js';
import { sendDownload } from '../http/download.js';

/**
 * a deployed form as Camunda's REST API sends it: JSON for a form-js schema, XHTML for an embedded
 * form; the XHTML is uploaded markup, so it goes out as a sandboxed download, never a page of ours
 */
export function sendDeployedForm(res: Response, form: DeployedForm): void {
  if (/\.(form|json)$/i.test(form.resourceName)) res.status(200).type('application/json').send(form.content);
  else sendDownload(res, form.resourceName, form.content, 'application/xhtml+xml');
}
