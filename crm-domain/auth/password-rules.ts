import { passwordProblem } from './credentials/passwords.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

/** a refused new password is a 400 naming the field */
export function checkNewPassword(password: string, field = 'newPassword'): void {
  const problem = passwordProblem(password);
  if (problem) throw new CrmInvalidRequestError(`Invalid request body: '${field}' ${problem}`);
}
