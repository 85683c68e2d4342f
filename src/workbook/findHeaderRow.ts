import { headerRowScore } from "../core/columns/mapColumns";
import type { CellValue } from "./port";

/** How far down a sheet the header row may sit under title rows and notes. */
export const HEADER_SEARCH_ROWS = 50;
/** A header row must name at least this many of the aging fields (invoice, customer, amount, due date). */
const MIN_SCORE = 3;

/**
 * Index of the row that looks most like an invoice table's header among the first rows of a
 * sheet (title rows, blank rows and notes above it are passed over), or -1 when none does.
 * @example findHeaderRow([["Receivables export"], [], ["Invoice", "Customer", "Amount", "Due"]]) // 2
 */
export function findHeaderRow(rows: readonly (readonly CellValue[])[]): number {
  let best = -1;
  let bestScore = MIN_SCORE - 0.01;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, index) => {
    const score = headerRowScore(row);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}
