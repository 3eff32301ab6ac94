import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_OPTIONS, DEFAULT_AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { Identities } from './identities.js';
import { SessionController } from './session.controller.js';
import { SessionStore } from './session-store.js';
import { SignedInUserGuard } from './signed-in-user.guard.js';

/**
 * Who is signed in, and what they may do: the demo sign-in (sessions of CRM users) and one global
 * guard over every route. Needs the global EngineModule (database, task queries).
 */
@Module({})
export class AuthModule {
  static forRoot(overrides: Partial<AuthOptions> = {}): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_OPTIONS, useValue: { ...DEFAULT_AUTH_OPTIONS, ...overrides } },
        SessionStore,
        Identities,
        { provide: APP_GUARD, useClass: SignedInUserGuard },
      ],
      controllers: [SessionController],
    };
  }
}
