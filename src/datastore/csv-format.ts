/** Writing CSV cells safely: RFC 4180 quoting, and no formula injection in spreadsheets. */

/** Cells a spreadsheet would run as a formula get a leading apostrophe. */
export function neutralizeFormula(s: string): string {
  if (s.length === 0) return s;
  const c = s.charCodeAt(0);
  // = + - @ tab CR
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${s}` : s;
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvCell(neutralizeFormula(cells[i]!));
  return `${line}\r\n`;
}
