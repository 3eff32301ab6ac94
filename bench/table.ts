/** a result table in Markdown, so a run's output can be pasted into bench/README.md as it is */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  console.log(`\n### ${title}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.map(String).join(' | ')} |`);
  console.log('');
}

export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '-');
export const rate = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : '-');
