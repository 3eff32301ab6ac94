/** a WHERE clause built from optional conditions with numbered parameters */
export class SqlConditions {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  constructor(...always: string[]) {
    this.parts.push(...always);
  }

  /** adds `sql` with `?` standing for the value, when the value is present */
  when(value: unknown, sql: string): this {
    if (value === undefined || value === null) return this;
    this.params.push(value);
    this.parts.push(sql.replace('?', `$${this.params.length}`));
    return this;
  }

  /** adds the condition `build` makes with bound values; none when it returns null */
  bound(build: (bind: (value: unknown) => string) => string | null): this {
    const sql = build((value) => `$${this.params.push(value)}`);
    if (sql !== null) this.parts.push(sql);
    return this;
  }

  toString(): string {
    return this.parts.length > 0 ? this.parts.join(' AND ') : 'TRUE';
  }
}
