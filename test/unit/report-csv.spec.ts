type Cell = string | number | null;
interface Table {
  caption: string;
  columns: { title: string; numeric?: boolean }[];
  rows: Cell[][];
  total?: Cell[];
}

// the web app's modules, imported by a path the service's TypeScript project does not check (designer/tsconfig.json does)
const CSV = '../../designer/src/pages/crm/reports/report-csv.js';
const QUERY = '../../designer/src/pages/crm/reports/report-query.js';
const { csvOf } = (await import(CSV)) as { csvOf: (table: Table) => string };
const { dayAfter, filtersOf } = (await import(QUERY)) as { dayAfter: (day: string) => string; filtersOf: (query: URLSearchParams) => unknown };

describe('the report pages: CSV of a table, filters of the URL', () => {
  it('writes a header, the rows and the total as CSV: CRLF, quotes where needed, numbers unformatted, empty cells empty', () => {
    const csv = csvOf({
      caption: 'c',
      columns: [{ title: 'Manager' }, { title: 'Type' }, { title: 'Complaints', numeric: true }],
      rows: [['Smith, "Jo"', 'Billing', 1200.5], ['Ann\nLee', null, 0]],
      total: ['Total', null, 1200.5],
    });
    expect(csv).toBe('Manager,Type,Complaints\r\n"Smith, ""Jo""",Billing,1200.5\r\n"Ann\nLee",,0\r\nTotal,,1200.5\r\n');
  });

  it('text a spreadsheet would run as a formula starts with a quote; negative numbers stay numbers', () => {
    const csv = csvOf({ caption: 'c', columns: [{ title: 'Name' }, { title: 'n', numeric: true }], rows: [['=HYPERLINK("x")', -3], ['@SUM(A1)', 1], ['+1', 2]] });
    expect(csv.split('\r\n')).toEqual(['Name,n', `"'=HYPERLINK(""x"")",-3`, "'@SUM(A1),1", "'+1,2", '']);
  });

  it('reads days and a known bucket from the URL, nothing malformed; the API gets the day after the last one', () => {
    expect(filtersOf(new URLSearchParams('from=2026-12-01&to=2026-12-31&owner=u1&team=t1&bucket=week'))).toEqual({ from: '2026-12-01', to: '2026-12-31', owner: 'u1', team: 't1', bucket: 'week' });
    expect(filtersOf(new URLSearchParams('from=yesterday&to=2026-13&bucket=year'))).toEqual({ from: null, to: null, owner: null, team: null, bucket: null });
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });
});
