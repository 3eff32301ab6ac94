import type { WorkingCalendar } from '../calendars/working-time.js';
import type { CompanyType } from '../companies/company.entity.js';
import type { ComplaintChannel, ComplaintPriority, ComplaintType } from '../complaints/complaint.entity.js';
import type { DealStage } from '../deals/deal.entity.js';
import type { LeadSource } from '../leads/lead.entity.js';
import type { ManagerLevel, UserRole } from '../users/user.entity.js';

export const DEMO_TEAMS = [
  { key: 'north', name: 'Sales North', kind: 'sales' },
  { key: 'south', name: 'Sales South', kind: 'sales' },
  { key: 'service', name: 'Customer Service', kind: 'service' },
] as const;

export type DemoTeamKey = (typeof DEMO_TEAMS)[number]['key'];

/**
 * The service desk's own working calendar (the sales teams keep the default, Mon–Fri 9–18): complaint
 * SLAs run in these hours, and not on the holidays of this year and the next.
 */
export function demoServiceCalendar(year: number): WorkingCalendar {
  const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from: '08:00', to: '18:00' }));
  const holidays = [year, year + 1].flatMap((y) => [`${y}-01-01`, `${y}-05-01`, `${y}-10-03`, `${y}-12-24`, `${y}-12-25`, `${y}-12-26`, `${y}-12-31`]);
  return { timeZone: 'Europe/Berlin', hours: [...weekdays, { day: 'sat', from: '09:00', to: '13:00' }], holidays };
}

export const DEMO_USERS: readonly { name: string; email: string; role: UserRole; level?: ManagerLevel; team?: DemoTeamKey; heads?: DemoTeamKey }[] = [
  { name: 'Diana Director', email: 'diana.director@demo.crm', role: 'director' },
  { name: 'Hugo Head', email: 'hugo.head@demo.crm', role: 'head', team: 'north', heads: 'north' },
  { name: 'Hanna Head', email: 'hanna.head@demo.crm', role: 'head', team: 'south', heads: 'south' },
  { name: 'Henry Service-Head', email: 'henry.servicehead@demo.crm', role: 'head', team: 'service', heads: 'service' },
  { name: 'Sam Senior', email: 'sam.senior@demo.crm', role: 'manager', level: 'senior', team: 'north' },
  { name: 'Sara Senior', email: 'sara.senior@demo.crm', role: 'manager', level: 'senior', team: 'south' },
  { name: 'Jack Junior', email: 'jack.junior@demo.crm', role: 'manager', level: 'junior', team: 'north' },
  { name: 'Julia Junior', email: 'julia.junior@demo.crm', role: 'manager', level: 'junior', team: 'south' },
  { name: 'Sophie Service', email: 'sophie.service@demo.crm', role: 'manager', level: 'junior', team: 'service' },
  { name: 'Simon Support', email: 'simon.support@demo.crm', role: 'manager', level: 'senior', team: 'service' },
  { name: 'Anna Analyst', email: 'anna.analyst@demo.crm', role: 'analyst' },
  { name: 'Oscar Ops', email: 'oscar.ops@demo.crm', role: 'ops' },
  { name: 'Ada Admin', email: 'ada.admin@demo.crm', role: 'admin' },
];

export const DEMO_PRODUCTS = [
  { name: 'CRM seat licence (year)', sku: 'SEAT-Y', price: 1_200, currency: 'EUR' },
  { name: 'Onboarding package', sku: 'ONBOARD', price: 8_000, currency: 'EUR' },
  { name: 'Premium support (year)', sku: 'SUPPORT-P', price: 15_000, currency: 'EUR' },
  { name: 'ERP integration', sku: 'INT-ERP', price: 40_000, currency: 'EUR' },
] as const;

export const DEMO_COMPANIES: readonly { name: string; type: CompanyType; industry: string; employees: number; contact: string; email: string; city: string; taxId: string }[] = [
  { name: 'Acme Logistics', type: 'client', industry: 'Logistics', employees: 1200, contact: 'Alice Archer', email: 'alice@acme.example', city: 'Hamburg', taxId: 'DE811234561' },
  { name: 'Borealis Energy', type: 'client', industry: 'Energy', employees: 5400, contact: 'Bruno Berg', email: 'bruno@borealis.example', city: 'Oslo', taxId: 'NO914778231' },
  { name: 'Cobalt Retail', type: 'client', industry: 'Retail', employees: 800, contact: 'Clara Cole', email: 'clara@cobalt.example', city: 'Berlin', taxId: 'DE812550902' },
  { name: 'Delta Pharma', type: 'client', industry: 'Pharma', employees: 3100, contact: 'Dmitri Dorn', email: 'dmitri@delta.example', city: 'Basel', taxId: 'CHE115226903' },
  { name: 'Evergreen Foods', type: 'client', industry: 'Food', employees: 260, contact: 'Eva Egger', email: 'eva@evergreen.example', city: 'Munich', taxId: 'DE813907114' },
  { name: 'Fjord Shipping', type: 'partner', industry: 'Logistics', employees: 450, contact: 'Finn Falk', email: 'finn@fjord.example', city: 'Bergen', taxId: 'NO921440675' },
  { name: 'Granite Capital', type: 'investor', industry: 'Finance', employees: 40, contact: 'Greta Gross', email: 'greta@granite.example', city: 'Frankfurt', taxId: 'DE814002378' },
  { name: 'Helix Components', type: 'supplier', industry: 'Manufacturing', employees: 900, contact: 'Hans Holm', email: 'hans@helix.example', city: 'Stuttgart', taxId: 'DE815663240' },
  { name: 'Iris Telecom', type: 'client', industry: 'Telecom', employees: 7600, contact: 'Ines Iver', email: 'ines@iris.example', city: 'Berlin', taxId: 'DE816118455' },
  { name: 'Juniper Health', type: 'client', industry: 'Healthcare', employees: 2100, contact: 'Jonas Jung', email: 'jonas@juniper.example', city: 'Vienna', taxId: 'ATU57341228' },
];

/** deals by company index; owner by manager email */
export const DEMO_DEALS: readonly { company: number; title: string; amount: number; stage: DealStage; owner: string; lostReason?: string }[] = [
  { company: 0, title: 'Acme fleet CRM rollout', amount: 320_000, stage: 'negotiation', owner: 'sam.senior@demo.crm' },
  { company: 1, title: 'Borealis field service', amount: 150_000, stage: 'proposal', owner: 'sara.senior@demo.crm' },
  { company: 2, title: 'Cobalt store pilot', amount: 24_000, stage: 'qualification', owner: 'jack.junior@demo.crm' },
  { company: 3, title: 'Delta compliance module', amount: 90_000, stage: 'proposal', owner: 'sam.senior@demo.crm' },
  { company: 4, title: 'Evergreen starter', amount: 9_500, stage: 'won', owner: 'julia.junior@demo.crm' },
  { company: 5, title: 'Fjord partner portal', amount: 45_000, stage: 'new', owner: 'jack.junior@demo.crm' },
  { company: 8, title: 'Iris contact centre', amount: 610_000, stage: 'qualification', owner: 'sara.senior@demo.crm' },
  { company: 9, title: 'Juniper patient CRM', amount: 75_000, stage: 'lost', owner: 'julia.junior@demo.crm', lostReason: 'Chose an in-house system' },
  { company: 0, title: 'Acme premium support', amount: 15_000, stage: 'won', owner: 'sam.senior@demo.crm' },
  { company: 3, title: 'Delta ERP integration', amount: 40_000, stage: 'new', owner: 'jack.junior@demo.crm' },
];

export const DEMO_LEADS: readonly { source: LeadSource; personName: string; companyName: string; email: string; amount: number }[] = [
  { source: 'web_form', personName: 'Kim Kovac', companyName: 'Kestrel Airways', email: 'kim@kestrel.example', amount: 250_000 },
  { source: 'seminar', personName: 'Lena Lund', companyName: 'Lumen Labs', email: 'lena@lumen.example', amount: 5_000 },
  { source: 'call', personName: 'Marek Mraz', companyName: 'Motion Fitness', email: 'marek@motion.example', amount: 18_000 },
  { source: 'import', personName: 'Nora Nyberg', companyName: 'Nordic Timber', email: 'nora@nordic.example', amount: 130_000 },
  { source: 'web_form', personName: 'Omar Ortiz', companyName: 'Orbit Media', email: 'omar@orbit.example', amount: 2_500 },
];

export const DEMO_COMPLAINTS: readonly { company: number; type: ComplaintType; channel: ComplaintChannel; priority: ComplaintPriority; description: string }[] = [
  { company: 0, type: 'delivery', channel: 'phone', priority: 'urgent', description: 'Tablets for the drivers did not arrive for the go-live.' },
  { company: 1, type: 'billing', channel: 'email', priority: 'normal', description: 'Invoice lists 120 seats instead of 100.' },
  { company: 2, type: 'product_quality', channel: 'web_form', priority: 'high', description: 'Reports time out every morning.' },
  { company: 4, type: 'service', channel: 'chat', priority: 'low', description: 'Waited two days for an answer from support.' },
];
