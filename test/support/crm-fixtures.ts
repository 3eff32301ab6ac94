import { CrmClient } from './crm-client.js';
import { TEST_USER_PASSWORD } from './test-app.js';

export interface CrmCast {
  readonly salesTeam: string;
  readonly serviceTeam: string;
  readonly senior: string;
  readonly junior: string;
  readonly headOfSales: string;
  readonly director: string;
  readonly agent: string;
  readonly headOfService: string;
  readonly company: { id: string; contactId: string };
}

/** the people of a small CRM: one senior and one junior sales manager, heads, a director, a service agent; all sign in with TEST_USER_PASSWORD */
export async function createCast(api: CrmClient, tag: string): Promise<CrmCast> {
  const team = (name: string, kind: string) => api.ok('POST', '/api/teams', { name: `${name} ${tag}`, kind });
  const user = (name: string, role: string, teamId: string | null, level?: string) =>
    api.ok('POST', '/api/users', { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${tag}@e2e.test`, role, teamId, password: TEST_USER_PASSWORD, ...(level ? { level } : {}) });
  const salesTeam = (await team('Sales', 'sales')).id;
  const serviceTeam = (await team('Service', 'service')).id;
  const senior = (await user('Sasha Senior', 'manager', salesTeam, 'senior')).id;
  const junior = (await user('Jo Junior', 'manager', salesTeam, 'junior')).id;
  const headOfSales = (await user('Hal Head', 'head', salesTeam)).id;
  const director = (await user('Dora Director', 'director', null)).id;
  const agent = (await user('Avery Agent', 'manager', serviceTeam, 'junior')).id;
  const headOfService = (await user('Harper Service', 'head', serviceTeam)).id;
  await api.ok('PATCH', `/api/teams/${salesTeam}`, { headId: headOfSales });
  await api.ok('PATCH', `/api/teams/${serviceTeam}`, { headId: headOfService });
  const created = await api.ok('POST', '/api/companies', {
    name: `Customer ${tag}`, type: 'client', email: `office.${tag}@customer.test`,
    primaryContact: { fullName: 'Carla Customer', email: `carla.${tag}@customer.test` },
  });
  return { salesTeam, serviceTeam, senior, junior, headOfSales, director, agent, headOfService, company: { id: created.id, contactId: created.contacts[0].id } };
}
