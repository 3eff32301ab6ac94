import { Controller, Get, type INestApplication } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ROUTE_ACCESS, type RouteAccess } from '../../../engine/nest/access/index.js';
import { isPermission } from '../../../crm-domain/auth/permissions.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** a controller someone forgot to give a rule */
@Controller('engine-rest/no-rule')
class ForgottenController {
  @Get()
  secret() {
    return { leaked: true };
  }
}

interface Route {
  readonly name: string;
  readonly access: RouteAccess | undefined;
}

function routesOf(app: INestApplication): Route[] {
  const discovery = app.get(DiscoveryService);
  const reflector = app.get(Reflector);
  const scanner = app.get(MetadataScanner);
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!type || type === ForgottenController) continue;
    for (const method of scanner.getAllMethodNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[method] as () => unknown;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      routes.push({ name: `${type.name}.${method}`, access: reflector.getAllAndOverride<RouteAccess>(ROUTE_ACCESS, [handler, type]) });
    }
  }
  return routes;
}

describe('every route has an access rule', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' }, extraControllers: [ForgottenController] });
  });
  afterAll(() => app?.close());

  it('walks every registered route: each declares public, signed-in or a permission some role grants', () => {
    const routes = routesOf(app.nest);
    expect(routes.length).toBeGreaterThan(150);
    expect(routes.filter((r) => r.access === undefined).map((r) => r.name)).toEqual([]);
    const unknown = routes.filter((r) => r.access?.kind === 'permission' && !isPermission(r.access.permission));
    expect(unknown.map((r) => r.name)).toEqual([]);
    const open = routes.filter((r) => r.access?.kind === 'public').map((r) => r.name).sort();
    expect(open).toEqual([
      'EngineInfoController.index', 'HealthController.check', 'PublicLeadsController.submit', 'SessionController.current', 'SessionController.demoAccounts',
      'SessionController.setPasswordWithToken', 'SessionController.signIn', 'SessionController.signOut', 'SessionController.tokenOwner',
    ]);
  });

  it('refuses a route without a rule, whoever asks and however it is spelled', async () => {
    for (const path of ['/engine-rest/no-rule', '/ENGINE-REST/No-Rule', '/engine-rest/no-rule/', '/engine-rest//no-rule', '/engine-rest/no%2Drule']) {
      const response = await fetch(`${app.url}${path}`, { headers: app.adminAuth });
      expect({ path, refused: response.status === 403 || response.status === 404 }).toEqual({ path, refused: true });
      expect(await response.text()).not.toContain('leaked');
    }
  });
});
