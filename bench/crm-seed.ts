import type pg from 'pg';

export interface SeedSizes {
  readonly companies: number;
  readonly deals: number;
  readonly leads: number;
  readonly complaints: number;
  readonly activities: number;
}

const SYLLABLES = `ARRAY['Ac','Bo','Ca','Dor','El','Fin','Gal','Hex','Ion','Jup','Kor','Lum','Mar','Nor','Orb','Pix','Qua','Riv','Sol','Tor','Ul','Vex','Wol','Xen','Yar','Zen']`;
const SUFFIXES = `ARRAY['Logistics','Energy','Retail','Pharma','Capital','Telecom','Foods','Systems','Media','Works']`;

/**
 * Bulk data in SQL (generate_series): companies with one contact each, deals over every stage with
 * a change history, leads, complaints and activities, owned by the given managers.
 */
export async function seedCrm(client: pg.Client, sizes: SeedSizes, owners: readonly string[], serviceAgents: readonly string[]): Promise<void> {
  await client.query(`CREATE TEMP TABLE bench_owner AS SELECT row_number() OVER () - 1 AS n, id FROM unnest($1::uuid[]) id`, [owners]);
  await client.query(`CREATE TEMP TABLE bench_agent AS SELECT row_number() OVER () - 1 AS n, id FROM unnest($1::uuid[]) id`, [serviceAgents]);
  const ownerCount = owners.length;
  await client.query(`
    INSERT INTO crm.companies (id, name, type, industry, employees, phones, email, owner_id, created_at, updated_at)
    SELECT gen_random_uuid(),
      (${SYLLABLES})[1 + g % 26] || lower((${SYLLABLES})[1 + (g / 26) % 26]) || lower((${SYLLABLES})[1 + (g / 676) % 26]) || ' ' || (${SUFFIXES})[1 + g % 10] || ' ' || g,
      (ARRAY['client','partner','investor','supplier'])[1 + g % 4], (${SUFFIXES})[1 + (g / 3) % 10], 5 + g % 4000,
      ARRAY['+1 555 ' || lpad((g % 10000)::text, 4, '0')], 'office' || g || '@company.test', o.id,
      now() - ((g % 1500) || ' days')::interval, now()
    FROM generate_series(1, $1) g JOIN bench_owner o ON o.n = g % ${ownerCount}`, [sizes.companies]);
  await client.query(`
    INSERT INTO crm.contacts (id, company_id, full_name, position, email, owner_id, created_at, updated_at)
    SELECT gen_random_uuid(), c.id, 'Contact of ' || c.name, 'Buyer', 'buyer@' || replace(c.email, 'office', 'c'), c.owner_id, c.created_at, now()
    FROM crm.companies c`);
  await client.query(`CREATE TEMP TABLE bench_company AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM crm.companies`);
  await client.query(`CREATE INDEX ON bench_company (n)`);
  const companyCount = sizes.companies;
  await client.query(`
    INSERT INTO crm.deals (id, title, company_id, amount, currency, stage, probability, owner_id, expected_close_date, lost_reason, closed_at, created_at, updated_at)
    SELECT gen_random_uuid(), 'Deal ' || g, c.id, (1000 + (g * 7919) % 500000)::numeric, 'EUR',
      (ARRAY['new','qualification','proposal','negotiation','won','lost'])[1 + g % 6],
      (ARRAY[10,20,50,75,100,0])[1 + g % 6], o.id, (now() + ((g % 365) || ' days')::interval)::date,
      CASE WHEN g % 6 = 5 THEN 'Price' END, CASE WHEN g % 6 >= 4 THEN now() END,
      now() - ((g % 730) || ' days')::interval, now()
    FROM generate_series(1, $1) g
    JOIN bench_company c ON c.n = (g::bigint * 7919) % ${companyCount}
    JOIN bench_owner o ON o.n = g % ${ownerCount}`, [sizes.deals]);
  await client.query(`
    INSERT INTO crm.record_changes (record_type, record_id, action, changes, actor, at)
    SELECT 'deal', d.id, 'created', jsonb_build_object('title', jsonb_build_array(null, d.title)), d.owner_id::text, d.created_at FROM crm.deals d
    UNION ALL
    SELECT 'deal', d.id, 'updated', jsonb_build_object('stage', jsonb_build_array('new', d.stage)), d.owner_id::text, d.created_at + interval '3 days' FROM crm.deals d
    UNION ALL
    SELECT 'company', c.id, 'created', '{}'::jsonb, c.owner_id::text, c.created_at FROM crm.companies c`);
  await client.query(`CREATE TEMP TABLE bench_deal AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, owner_id, created_at FROM crm.deals`);
  await client.query(`CREATE INDEX ON bench_deal (n)`);
  await client.query(`
    INSERT INTO crm.activities (id, kind, subject, due_at, done, owner_id, record_type, record_id, created_by, created_at, updated_at)
    SELECT gen_random_uuid(), (ARRAY['call','meeting','email','task'])[1 + g % 4], 'Follow-up ' || g, now() + ((g % 30 - 10) || ' days')::interval,
      g % 3 = 0, d.owner_id, 'deal', d.id, d.owner_id::text, d.created_at + interval '1 day', now()
    FROM generate_series(1, $1) g JOIN bench_deal d ON d.n = (g * 31) % $2`, [sizes.activities, sizes.deals]);
  await client.query(`
    INSERT INTO crm.leads (id, source, person_name, company_name, email, estimated_amount, currency, status, owner_id, created_at, updated_at)
    SELECT gen_random_uuid(), (ARRAY['web_form','seminar','call','import'])[1 + g % 4], 'Prospect ' || g, 'Prospect Co ' || g, 'p' || g || '@lead.test',
      (g * 131) % 300000, 'EUR', (ARRAY['new','qualifying','converted','disqualified'])[1 + g % 4], o.id, now() - ((g % 365) || ' days')::interval, now()
    FROM generate_series(1, $1) g JOIN bench_owner o ON o.n = g % ${ownerCount}`, [sizes.leads]);
  await client.query(`
    INSERT INTO crm.complaints (id, company_id, type, channel, description, priority, status, sla_due_at, assignee_id, escalation_level, resolution, resolved_at, closed_at, created_at, updated_at)
    SELECT gen_random_uuid(), c.id, (ARRAY['product_quality','delivery','billing','service','other'])[1 + g % 5], (ARRAY['phone','email','web_form','chat','in_person'])[1 + g % 5],
      'Complaint ' || g, (ARRAY['low','normal','high','urgent'])[1 + g % 4], (ARRAY['new','in_progress','resolved','closed'])[1 + g % 4],
      now() - ((g % 365) || ' days')::interval + interval '2 days', a.id, g % 7 / 6,
      CASE WHEN g % 4 >= 2 THEN 'Fixed' END, CASE WHEN g % 4 >= 2 THEN now() - ((g % 365) || ' days')::interval + ((g % 5) || ' days')::interval END,
      CASE WHEN g % 4 = 3 THEN now() END, now() - ((g % 365) || ' days')::interval, now()
    FROM generate_series(1, $1) g JOIN bench_company c ON c.n = (g::bigint * 104729) % ${companyCount} JOIN bench_agent a ON a.n = g % ${serviceAgents.length}`, [sizes.complaints]);
  await client.query('ANALYZE');
}
