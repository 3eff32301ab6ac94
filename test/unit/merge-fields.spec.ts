import { MERGEABLE_FIELDS } from '../../crm-domain/duplicates/merge-fields.js';

// loaded by name at run time: the designer is typechecked with its own tsconfig
const DESIGNER_FIELDS = '../../designer/src/pages/crm/duplicates/merge-fields.js';
const { MERGE_FIELDS } = (await import(DESIGNER_FIELDS)) as { MERGE_FIELDS: Record<string, readonly { field: string; take?: 'one' | 'both' }[]> };

/** The merge page offers to take a value only where the server's merge takes it, and "both" only where it combines. */
describe('the fields the merge page offers to take', () => {
  it.each(Object.keys(MERGEABLE_FIELDS))('are, for a %s, what the server takes, combined where it combines', (type) => {
    const server = MERGEABLE_FIELDS[type as keyof typeof MERGEABLE_FIELDS];
    for (const { field, take } of MERGE_FIELDS[type]!) {
      const expected = !Object.hasOwn(server, field) ? undefined : server[field]!.combine ? 'both' : 'one';
      expect([field, take]).toEqual([field, expected]);
    }
  });
});
