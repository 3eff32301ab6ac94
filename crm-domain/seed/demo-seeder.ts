import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CompaniesService } from '../companies/companies.service.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { DealsService } from '../deals/deals.service.js';
import { ProductsService } from '../deals/products.service.js';
import { LeadsService } from '../leads/leads.service.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { TeamsService } from '../users/teams.service.js';
import { teams } from '../users/users.service.js';
import { UsersService } from '../users/users.service.js';
import type { User } from '../users/user.entity.js';
import { hashPassword } from '../auth/credentials/passwords.js';
import { DemoIncident } from './demo-incident.js';
import { DEMO_COMPANIES, DEMO_COMPLAINTS, DEMO_DEALS, DEMO_LEADS, DEMO_PRODUCTS, DEMO_TEAMS, DEMO_USERS, demoServiceCalendar } from './demo-data.js';
import { writeTeamCalendar } from '../calendars/team-calendars.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';

const SEED_ACTOR = 'demo-seed';

/**
 * On the first start with demo data enabled (embedded database, or SEED_DEMO=true) and an empty
 * CRM: users for every role, teams, companies with contacts, deals, leads and complaints. Leads
 * and complaints go through the services, so their processes start like any other.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly log = new Logger('CrmDemo');

  constructor(
    private readonly db: CrmDatabase,
    private readonly users: UsersService,
    private readonly teamsService: TeamsService,
    private readonly companies: CompaniesService,
    private readonly products: ProductsService,
    private readonly deals: DealsService,
    private readonly leads: LeadsService,
    private readonly complaints: ComplaintsService,
    private readonly incident: DemoIncident,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.seedDemo) return;
    // the first admin (ADMIN_EMAIL) may already be there; anything else means the CRM is in use
    const [row] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM crm.users WHERE role <> 'admin' OR email LIKE '%@demo.crm'`);
    if ((row?.n ?? 0) > 0) return;
    const passwordHash = await hashPassword(this.options.demoPassword);
    const people = await this.db.transaction(SEED_ACTOR, (tx) => this.seed(tx, passwordHash));
    const big = await this.deals.list({ page: 1, pageSize: 1, sort: '-amount', stage: 'qualification' }, SYSTEM_VIEWER);
    const deal = big.items[0];
    if (deal?.ownerId) await this.deals.requestApproval(deal.ownerId, deal.id, { discountPercent: 12, comment: 'Competitor offers 15 % off' }, SYSTEM_VIEWER);
    this.incident.start();
    this.log.log(`Demo data seeded. DEMO users, all with the demo password '${this.options.demoPassword}' (DEMO_PASSWORD; sign in at /login, or HTTP Basic with the email):\n${people
      .map((u) => `  ${u.role.padEnd(8)} ${(u.level ?? '').padEnd(6)} ${u.name.padEnd(20)} ${u.email}`)
      .join('\n')}`);
  }

  private async seed(tx: CrmTx, passwordHash: string): Promise<User[]> {
    const teamIds = new Map<string, string>();
    for (const team of DEMO_TEAMS) teamIds.set(team.key, (await this.teamsService.insert(tx, { name: team.name, kind: team.kind })).id);
    await writeTeamCalendar(tx.manager, teamIds.get('service')!, demoServiceCalendar(new Date().getUTCFullYear()));
    const people: User[] = [];
    for (const person of DEMO_USERS) {
      const user = await this.users.insert(tx, { name: person.name, email: person.email, role: person.role, level: person.level ?? null, teamId: person.team ? teamIds.get(person.team)! : null }, passwordHash);
      people.push(user);
      if (person.heads) await teams.update(tx, await teams.get(tx.manager, teamIds.get(person.heads)!), { headId: user.id });
    }
    const byEmail = new Map(people.map((u) => [u.email, u.id]));
    const productIds = [];
    for (const product of DEMO_PRODUCTS) productIds.push((await this.products.insert(tx, { ...product })).id);
    const companies = [];
    for (const [i, c] of DEMO_COMPANIES.entries()) {
      const owner = people.filter((u) => u.role === 'manager')[i % 4]!.id;
      companies.push(await this.companies.insert(tx, { name: c.name, type: c.type, industry: c.industry, employees: c.employees, email: c.email, city: c.city, taxId: c.taxId, ownerId: owner, primaryContact: { fullName: c.contact, email: c.email, position: 'Head of Operations' } }));
    }
    for (const d of DEMO_DEALS) {
      const company = companies[d.company]!;
      await this.deals.insert(tx, {
        title: d.title, companyId: company.id, contactId: company.contacts[0]!.id, amount: d.amount, currency: 'EUR', stage: d.stage,
        ownerId: byEmail.get(d.owner)!, lostReason: d.lostReason ?? null, products: [{ productId: productIds[0]!, quantity: 10 }],
      });
    }
    for (const l of DEMO_LEADS) await this.leads.insert(tx, { source: l.source, personName: l.personName, companyName: l.companyName, email: l.email, estimatedAmount: l.amount, currency: 'EUR' });
    for (const k of DEMO_COMPLAINTS) {
      const company = companies[k.company]!;
      await this.complaints.insert(tx, { companyId: company.id, contactId: company.contacts[0]!.id, type: k.type, channel: k.channel, priority: k.priority, description: k.description });
    }
    return people;
  }
}
