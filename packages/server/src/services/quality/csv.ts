/** One column of a CSV table: its header and how a row gives its cell. */
export interface Column<T> {
  header: string;
  value(row: T): string | number | boolean | null | undefined;
}

/**
 * A CSV file as spreadsheets open it: UTF-8 with a byte-order mark (Excel reads BOM-less CSV in the machine's
 * legacy code page, which breaks names like "Łukasz" or "李"), a header row, CRLF line ends and RFC 4180 quoting.
 * Text that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with "'" : the cells hold what
 * customers wrote.
 */
export function toCsv<T>(columns: ReadonlyArray<Column<T>>, rows: Iterable<T>): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Response headers of a download named `name` (ASCII-safe, so no header encoding is needed). */
export function downloadHeaders(name: string, type: 'csv' | 'json' | 'text'): Record<string, string> {
  const contentType = {
    csv: 'text/csv; charset=utf-8; header=present',
    json: 'application/json; charset=utf-8',
    text: 'text/plain; charset=utf-8',
  }[type];
  return {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
    'cache-control': 'no-store',
  };
}
