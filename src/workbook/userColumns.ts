import type { CellValue } from "./port";
import type { PlanCell, PlanTable } from "./sheetPlan";

/** A table as it stood in the workbook before a refresh: our columns and any the user added. */
export interface PreviousTable {
  headers: string[];
  rows: CellValue[][];
}

/** User-typed values of a row that no longer exists after a refresh, kept for the archive. */
export interface ArchivedRow {
  table: string;
  key: string;
  values: { column: string; value: CellValue }[];
}

const isBlank = (value: CellValue) => value === null || value === undefined || (typeof value === "string" && value.trim() === "");

/**
 * Carries the columns a user added to a generated table (e.g. "Notes", "Next call") into its new
 * version: each value stays with the same key (customer, invoice), whatever the new row order.
 * Rows that drop out with something typed in them are returned for the archive, so nothing a
 * user typed vanishes.
 * @example withUserColumns(table, previous, (row) => String(row[0]))
 */
export function withUserColumns(
  table: PlanTable,
  previous: PreviousTable | null,
  keyOf: (row: readonly (PlanCell | CellValue)[], headers: readonly string[]) => string,
): { table: PlanTable; archived: ArchivedRow[] } {
  if (!previous) return { table, archived: [] };
  const ours = new Set(table.headers.map((h) => h.toLowerCase()));
  const extra = previous.headers.map((header, index) => ({ header, index })).filter(({ header }) => header && !ours.has(header.toLowerCase()));
  if (extra.length === 0) return { table, archived: [] };

  const byKey = new Map<string, CellValue[]>();
  for (const row of previous.rows) {
    const values = extra.map(({ index }) => row[index] ?? null);
    if (values.every(isBlank)) continue;
    byKey.set(keyOf(row, previous.headers), values);
  }
  const used = new Set<string>();
  const rows = table.rows.map((row) => {
    const key = keyOf(row, table.headers);
    const values = byKey.get(key);
    if (values) used.add(key);
    return [...row, ...(values ?? extra.map(() => null))] as PlanCell[];
  });
  const archived: ArchivedRow[] = [...byKey.entries()]
    .filter(([key]) => !used.has(key))
    .map(([key, values]) => ({ table: table.name, key, values: extra.map(({ header }, i) => ({ column: header, value: values[i] })).filter((v) => !isBlank(v.value)) }));
  return {
    table: {
      ...table,
      headers: [...table.headers, ...extra.map(({ header }) => header)],
      rows,
      columnFormats: [...table.columnFormats, ...extra.map(() => null)],
      totals: table.totals ? [...table.totals, ...extra.map(() => "none" as const)] : undefined,
    },
    archived,
  };
}
