/**
 * Looks a key up in a table written as an object literal. Keys often come from outside (a
 * query parameter, an element id in a model): only the table's own entries count, never what
 * every object inherits (`constructor`, `toString`, `__proto__`).
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
