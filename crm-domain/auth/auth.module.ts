import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminBootstrap } from './admin-bootstrap.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysStore } from './api-keys.store.js';
import { AUTH_OPTIONS, DEFAULT_AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { Authenticator } from './authenticator.js';
import { DemoAccounts } from './demo-accounts.js';
import { Identities } from './identities.js';
import { PasswordLinks } from './password-links.js';
import { RouteAccessGuard } from './route-access.guard.js';
import { SessionController } from './session.controller.js';
import { SessionStore } from './session-store.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { UserCredentialsController } from './user-credentials.controller.js';
import { UserCredentialsStore } from './user-credentials.store.js';

/**
 * Who is signed in, and what they may do: passwords (argon2id), sessions of the web app, HTTP
 * Basic and API keys for API clients, and one global guard over every route. Global, so that the
 * CRM's user administration can set passwords and end sessions. Needs the global EngineModule.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(overrides: Partial<AuthOptions> = {}): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_OPTIONS, useValue: { ...DEFAULT_AUTH_OPTIONS, ...overrides } },
        SessionStore,
        UserCredentialsStore,
        ApiKeysStore,
        SignInThrottle,
        Identities,
        Authenticator,
        DemoAccounts,
        AdminBootstrap,
        PasswordLinks,
        { provide: APP_GUARD, useClass: RouteAccessGuard },
      ],
      controllers: [SessionController, UserCredentialsController, ApiKeysController],
      exports: [UserCredentialsStore, Identities, PasswordLinks],
    };
  }
}
