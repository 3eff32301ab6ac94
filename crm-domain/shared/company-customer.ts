import type { RecordTypeDefinition } from './record-type-definition.js';

/** the customer of a record about a company (a deal, a complaint): its contact, else the company, and all their addresses */
export function companyCustomer(table: string, what: string): RecordTypeDefinition['customer'] {
  return {
    address: `SELECT coalesce(p.email, c.email) AS email FROM ${table} r
     JOIN crm.companies c ON c.id = r.company_id LEFT JOIN crm.contacts p ON p.id = r.contact_id WHERE r.id = $1`,
    addresses: `SELECT c.email FROM ${table} r JOIN crm.companies c ON c.id = r.company_id WHERE r.id = $1
          UNION SELECT p.email FROM ${table} r JOIN crm.contacts p ON p.company_id = r.company_id OR p.id = r.contact_id WHERE r.id = $1`,
    missing: `neither the ${what}'s contact nor its company has an email`,
  };
}
