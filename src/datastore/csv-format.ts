/** Writing CSV cells safely: RFC 4180 quoting, and no formula injection in spreadsheets. */

/** = + - @ tab CR: a cell starting so is one a spreadsheet would run as a formula. */
function formulaLead(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** Cells a spreadsheet would run as a formula get a leading apostrophe. */
export function neutralizeFormula(s: string): string {
  return s.length > 0 && formulaLead(s) ? `'${s}` : s;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** A cell CSV can carry as it is: neither quoted nor guarded against formulas. */
export function isPlainCsvCell(s: string): boolean {
  return !(s.length > 0 && formulaLead(s)) && !NEEDS_QUOTES.test(s);
}

export function csvCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvCell(neutralizeFormula(cells[i]!));
  return `${line}\r\n`;
}
