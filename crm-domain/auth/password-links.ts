import { Inject, Injectable } from '@nestjs/common';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { UserCredentialsStore, type PasswordTokenPurpose } from './user-credentials.store.js';

/** A one-time link to set a password: shown once, to the admin who asked for it. */
export interface PasswordLink {
  readonly purpose: PasswordTokenPurpose;
  readonly token: string;
  /** the web app's page; the token sits in the fragment, which never reaches a server or its logs */
  readonly path: string;
  readonly expiresAt: Date;
}

@Injectable()
export class PasswordLinks {
  constructor(
    private readonly credentials: UserCredentialsStore,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /** earlier links of the user stop working */
  async issue(userId: string, purpose: PasswordTokenPurpose, createdBy: string | null): Promise<PasswordLink> {
    const validMs = purpose === 'invite' ? this.options.inviteTtlMs : this.options.resetTtlMs;
    const { token, expiresAt } = await this.credentials.issueToken(userId, purpose, validMs, createdBy);
    return { purpose, token, path: `/set-password#token=${token}`, expiresAt };
  }
}
