import { checkFeatures, CRM_FEATURES } from '../crm-features.js';
import { RECORD_DEFINITIONS, RECORD_PATHS, RECORD_TYPE_REGISTRY, RECORD_TYPES } from './record-types.js';

describe('the record type registry: each type said once, the rest derived', () => {
  it('lists the record types, their URL segments and definitions', () => {
    expect(RECORD_TYPES).toEqual(['company', 'contact', 'lead', 'deal', 'complaint']);
    expect(RECORD_PATHS).toEqual({ companies: 'company', contacts: 'contact', leads: 'lead', deals: 'deal', complaints: 'complaint' });
    expect(RECORD_DEFINITIONS.complaint).toMatchObject({ table: 'crm.complaints', owner: 'assignee_id' });
  });

  it('names only registered record types, with unique types, paths and tables', () => {
    const unique = (values: readonly string[]) => new Set(values).size === values.length;
    expect(unique(RECORD_TYPE_REGISTRY.map((d) => d.type)) && unique(RECORD_TYPE_REGISTRY.map((d) => d.path)) && unique(RECORD_TYPE_REGISTRY.map((d) => d.table))).toBe(true);
    const named = RECORD_TYPE_REGISTRY.flatMap((d) => [...Object.keys(RECORD_DEFINITIONS[d.type].names ?? {}), ...(RECORD_DEFINITIONS[d.type].visibleWith ? [RECORD_DEFINITIONS[d.type].visibleWith!.type] : [])]);
    expect(named.filter((type) => !RECORD_TYPES.includes(type as never))).toEqual([]);
  });

  it('has every record type wired by one feature, and refuses a registry a feature is missing from', () => {
    expect(() => checkFeatures()).not.toThrow();
    const withoutDeals = CRM_FEATURES.filter((feature) => feature.record?.type !== 'deal');
    expect(() => checkFeatures(withoutDeals)).toThrow("'deal' is not (or twice)");
    expect(() => checkFeatures([...CRM_FEATURES, { record: { ...RECORD_DEFINITIONS.deal, type: 'invoice' }, entities: [], providers: [], controllers: [] }])).toThrow("'invoice' is not registered");
  });
});
