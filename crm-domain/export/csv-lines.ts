/** one CSV line (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled) */
export function csvLine(fields: readonly unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  // a leading = or @, or a + or - with anything but a number after it (`-2+3+cmd|…`), would be a formula to a
  // spreadsheet opening the file; phone numbers and signed amounts stay as they are
  const safe = /^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-][\d\s().\/-]*$/.test(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
