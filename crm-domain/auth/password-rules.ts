import { InvalidRequestError } from '../../engine/core/errors/index.js';
import { passwordProblem } from './credentials/passwords.js';

/** a refused new password is a 400 naming the field */
export function checkNewPassword(password: string, field = 'newPassword'): void {
  const problem = passwordProblem(password);
  if (problem) throw new InvalidRequestError(`Invalid request body: '${field}' ${problem}`);
}
