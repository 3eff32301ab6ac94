/**
 * What the CRM knows of one record type, as data: everything that works on records of any type
 * (record access, business-key lookups, timelines, notifications) reads it from the registry
 * (record-types.ts) instead of naming the types itself. Each record type's folder declares its
 * own (`deals/deal.record.ts`); SQL here is written against the type's own table.
 */
export interface RecordTypeDefinition<T extends string = string> {
  /** the name processes and activities use: a business key's `recordType` */
  readonly type: T;
  /** its URL segment: `/api/{path}/{id}/timeline` */
  readonly path: string;
  /** "Deal", for messages */
  readonly label: string;
  /** its table, in schema `crm` */
  readonly table: string;
  /** its title as an SQL expression over the row's columns (the tasklist shows it beside a task) */
  readonly title: string;
  /** the column of the user it belongs to (a complaint's assignee), which decides who sees it */
  readonly owner: string;
  /** columns naming other records (record type → column): whoever sees this record may read their titles */
  readonly names?: Readonly<Record<string, string>>;
  /** also visible to whoever sees the record this column names (a contact with its company) */
  readonly visibleWith?: { readonly column: string; readonly type: string };
  /** its customer's email addresses, as SQL taking the record id as $1 */
  readonly customer: {
    /** the address to write to (one row with `email`, or none) */
    readonly address: string;
    /** every address that belongs to its customer (rows with `email`): a literal recipient must be one */
    readonly addresses: string;
    /** said when there is no address */
    readonly missing: string;
  };
  /** fields notification texts know by another name (`companyName` of a company is its `name`) */
  readonly contextAliases?: Readonly<Record<string, string>>;
}
