import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BodyTypeGuard } from './body-type.guard.js';
import { SameOriginGuard } from './same-origin.guard.js';

/**
 * Browser safety on every route: cross-site requests refused first, then bodies of a type the
 * route does not take. Imported before the sign-in module, so its guards run before the sign-in guard.
 */
@Module({
  providers: [
    { provide: APP_GUARD, useClass: SameOriginGuard },
    { provide: APP_GUARD, useClass: BodyTypeGuard },
  ],
})
export class HttpSafetyModule {}
