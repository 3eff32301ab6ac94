import { SetMetadata } from '@nestjs/common';

export const CROSS_SITE_ALLOWED = 'http:cross-site-allowed';

/**
 * A route other sites may post to (the public web form): the app's same-origin guard lets
 * cross-site requests through. Everything else that changes state must come from our own pages.
 */
export const CrossSiteAllowed = (): MethodDecorator & ClassDecorator => SetMetadata(CROSS_SITE_ALLOWED, true);
