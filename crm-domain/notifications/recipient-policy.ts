import { CodedError } from '../../engine/core/errors/index.js';
import type { CrmErrorCode } from '../shared/crm-errors.js';

/** One mailbox, nothing else: no lists, display names, spaces or line breaks a mailer would read as more. */
const SINGLE_ADDRESS = /^[^\s@,;:<>"'()[\]\\]+@[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

/** crm.notify named a recipient it may not write to; the job fails (retries, then an incident). */
export class RecipientRefusedError extends CodedError {
  readonly code = 'CRM_NOTIFY_RECIPIENT_REFUSED' satisfies CrmErrorCode;

  constructor(message: string) {
    super(message);
    this.name = 'RecipientRefusedError';
  }
}

export function isSingleAddress(text: string): boolean {
  return SINGLE_ADDRESS.test(text);
}

/** whether the configured allow-list names the address itself or its domain (`@partner.example`) */
export function isAllowListed(address: string, allowList: readonly string[]): boolean {
  const lower = address.toLowerCase();
  const domain = lower.slice(lower.lastIndexOf('@'));
  return allowList.some((entry) => entry === lower || entry === domain);
}
