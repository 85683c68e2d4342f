import { FIELD_NAMES, mapColumns, missingAgingFields, toMapping } from "../core/columns/mapColumns";
import { ArDeskError } from "../core/errors";
import type { TableInfo } from "./port";

/** True when the table's headers name every field aging needs. */
export function isInvoiceTable(table: TableInfo): boolean {
  return missingAgingFields(toMapping(mapColumns(table.headers))).length === 0;
}

/**
 * The tables that could be the invoice table: Excel tables first; header rows found in plain
 * ranges only when no Excel table qualifies.
 */
export function invoiceTables(tables: readonly TableInfo[]): TableInfo[] {
  const candidates = tables.filter(isInvoiceTable);
  const excelTables = candidates.filter((t) => t.kind !== "range");
  return excelTables.length ? excelTables : candidates;
}

function describe(table: TableInfo): string {
  return `"${table.name}" on sheet "${table.sheet}" (${table.headers.filter(Boolean).join(", ") || "no headers"})`;
}

/**
 * The invoice table to use: the one named, or the only one whose headers hold invoice number,
 * customer, amount and due date. Fails with a message listing what was seen, so the user can act:
 * no such table, or several (then the user picks one).
 */
export function chooseInvoiceTable(tables: readonly TableInfo[], name?: string): TableInfo {
  const seen = tables.map(describe);
  if (name) {
    const found = tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!found) {
      throw new ArDeskError("TABLE_NOT_FOUND", `There is no table named "${name}".`, seen.length ? `Tables seen: ${seen.join("; ")}.` : "The workbook has no tables.");
    }
    const missing = missingAgingFields(toMapping(mapColumns(found.headers)));
    if (missing.length) {
      throw new ArDeskError("NO_INVOICE_TABLE", `Table "${found.name}" has no ${missing.map((f) => FIELD_NAMES[f]).join(", ")} column.`, `Its headers are: ${found.headers.join(", ")}.`);
    }
    return found;
  }
  const candidates = invoiceTables(tables);
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) {
    throw new ArDeskError(
      "SEVERAL_INVOICE_TABLES",
      `Several tables look like invoice tables: ${candidates.map(describe).join("; ")}.`,
      "Pick one: in the pane choose it from the list; on the command line add --table <name>.",
    );
  }
  throw new ArDeskError(
    "NO_INVOICE_TABLE",
    "No invoice table found: AR Desk looks for a table with invoice number, customer, amount and due date columns.",
    seen.length ? `Tables seen: ${seen.join("; ")}.` : "The workbook has no tables: select your invoices and use Insert > Table, with a header row.",
  );
}
