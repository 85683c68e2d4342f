/** A1 addresses: the one place that turns row and column numbers into cell names and back. */

/** Column letters of a 1-based column number: 1 → A, 28 → AB. */
export function columnLetters(column: number): string {
  let letters = "";
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A1 address of a 1-based row and column. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** 1-based row and column of an A1 address such as "B3" or "$B$3". */
export function parseCellAddress(address: string): { row: number; column: number } {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(address.trim());
  if (!match) throw new Error(`Not a cell address: ${address}`);
  let column = 0;
  for (const ch of match[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}
