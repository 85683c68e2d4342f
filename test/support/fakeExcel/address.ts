/**
 * A1 addresses for the fake Excel host (a stand-in for Excel written for tests).
 * Rows and columns are 1-based; a rectangle is inclusive on both ends.
 */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export function columnName(column: number): string {
  let letters = "";
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Splits "Sheet!A1:B2" / "'My sheet'!A1" into sheet name (or null) and the local address. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: address.trim() };
  let sheet = address.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1).trim() };
}

/** Parses "A1", "A1:C3", "A:C", "2:5" (with optional $). Returns null when it is not an address. */
export function parseRect(local: string): Rect | null {
  const parts = local.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const cell = /^([A-Z]{1,3})(\d{1,7})$/;
  const col = /^([A-Z]{1,3})$/;
  const row = /^(\d{1,7})$/;
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  let rect: Rect | null = null;
  let m1: RegExpExecArray | null;
  let m2: RegExpExecArray | null;
  if ((m1 = cell.exec(a)) && (m2 = cell.exec(b))) {
    rect = { r1: Number(m1[2]), c1: columnNumber(m1[1]), r2: Number(m2[2]), c2: columnNumber(m2[1]) };
  } else if (parts.length === 2 && (m1 = col.exec(a)) && (m2 = col.exec(b))) {
    rect = { r1: 1, c1: columnNumber(m1[1]), r2: MAX_ROWS, c2: columnNumber(m2[1]) };
  } else if (parts.length === 2 && (m1 = row.exec(a)) && (m2 = row.exec(b))) {
    rect = { r1: Number(m1[1]), c1: 1, r2: Number(m2[1]), c2: MAX_COLUMNS };
  }
  if (!rect) return null;
  const r = {
    r1: Math.min(rect.r1, rect.r2),
    r2: Math.max(rect.r1, rect.r2),
    c1: Math.min(rect.c1, rect.c2),
    c2: Math.max(rect.c1, rect.c2),
  };
  if (r.r1 < 1 || r.c1 < 1 || r.r2 > MAX_ROWS || r.c2 > MAX_COLUMNS) return null;
  return r;
}

/** Local A1 text of a rectangle, as Excel prints it ("A1", "A1:C3", "A:C", "2:5"). */
export function formatRect(rect: Rect): string {
  const fullCols = rect.r1 === 1 && rect.r2 === MAX_ROWS;
  const fullRows = rect.c1 === 1 && rect.c2 === MAX_COLUMNS;
  if (fullCols && !fullRows) return `${columnName(rect.c1)}:${columnName(rect.c2)}`;
  if (fullRows && !fullCols) return `${rect.r1}:${rect.r2}`;
  const a = `${columnName(rect.c1)}${rect.r1}`;
  const b = `${columnName(rect.c2)}${rect.r2}`;
  return a === b ? a : `${a}:${b}`;
}

/** Sheet name as Excel writes it in an address: quoted when it is not a plain word. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function isUnbounded(rect: Rect): boolean {
  return (rect.r1 === 1 && rect.r2 === MAX_ROWS) || (rect.c1 === 1 && rect.c2 === MAX_COLUMNS);
}
