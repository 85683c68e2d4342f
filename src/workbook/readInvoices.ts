import { detectColumns, FIELD_LABELS, missingFields, type ColumnMapping } from "../core/columns/detectColumns";
import { ArDeskError } from "../core/errors";
import { parseAmountCell, parseDateCell, textOfCell } from "../core/parse/cells";
import { minorDigits } from "../core/parse/money";
import type { InvoiceRecord } from "../core/types";
import { cellAddress } from "./sheetPlan";
import type { TableData, TableInfo } from "./port";

/** A row that could not be read, with the cell and the reason, for the summary. */
export interface SkippedRow {
  sheet: string;
  row: number;
  cell: string;
  reason: string;
}

export interface ReadResult {
  records: InvoiceRecord[];
  skipped: SkippedRow[];
  mapping: ColumnMapping;
}

/** The tables whose headers hold every required field, in the order the workbook lists them. */
export function invoiceTables(tables: readonly TableInfo[]): TableInfo[] {
  return tables.filter((table) => missingFields(detectColumns(table.headers)).length === 0);
}

/**
 * The invoice table to age: the named one, or the only table with invoice, customer, amount
 * and due date columns. Fails with a message listing what was seen, so the user can fix it.
 */
export function chooseInvoiceTable(tables: readonly TableInfo[], name?: string): TableInfo {
  const seen = tables.map((t) => `"${t.name}" on sheet "${t.sheet}" (${t.headers.join(", ") || "no headers"})`);
  if (name) {
    const found = tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!found) {
      throw new ArDeskError("TABLE_NOT_FOUND", `There is no table named "${name}".`, seen.length ? `Tables seen: ${seen.join("; ")}.` : "The workbook has no tables.");
    }
    const missing = missingFields(detectColumns(found.headers));
    if (missing.length) {
      throw new ArDeskError("NO_INVOICE_TABLE", `Table "${found.name}" has no ${missing.map((f) => FIELD_LABELS[f]).join(", ")} column.`, `Its headers are: ${found.headers.join(", ")}.`);
    }
    return found;
  }
  const candidates = invoiceTables(tables);
  if (candidates.length === 0) {
    throw new ArDeskError(
      "NO_INVOICE_TABLE",
      "No invoice table found: AR Desk looks for a table with invoice number, customer, amount and due date columns.",
      seen.length ? `Tables seen: ${seen.join("; ")}.` : "The workbook has no tables: select your invoices and use Insert > Table, with a header row.",
    );
  }
  return candidates[0];
}

/**
 * Invoice records from a table's rows. Rows whose amount or due date cannot be read are
 * skipped and reported (cell and reason); blank rows are ignored.
 */
export function readInvoices(table: TableData): ReadResult {
  const mapping = detectColumns(table.headers);
  const records: InvoiceRecord[] = [];
  const skipped: SkippedRow[] = [];
  const at = (rowIndex: number, field: keyof ColumnMapping) =>
    cellAddress(table.firstDataRow + rowIndex, table.firstColumn + (mapping[field] as number));
  const amountField = mapping.amount !== undefined ? "amount" : "openBalance";

  table.rows.forEach((row, i) => {
    const cell = (field: keyof ColumnMapping) => (mapping[field] === undefined ? null : row[mapping[field] as number]);
    if (row.every((value) => value === null || value === "")) return;
    const worksheetRow = table.firstDataRow + i;
    const skip = (field: keyof ColumnMapping, reason: string) =>
      skipped.push({ sheet: table.sheet, row: worksheetRow, cell: at(i, field), reason });

    const currency = textOfCell(cell("currency")).toUpperCase() || undefined;
    const digits = minorDigits(currency);
    const amountMinor = parseAmountCell(cell(amountField), digits);
    if (amountMinor === null) return skip(amountField, `amount "${textOfCell(cell(amountField))}" is not a number`);
    const dueDate = parseDateCell(cell("dueDate"), table.date1904);
    if (dueDate === null) return skip("dueDate", `due date "${textOfCell(cell("dueDate"))}" is not a date`);
    let openMinor = amountMinor;
    if (mapping.openBalance !== undefined && amountField === "amount") {
      const open = parseAmountCell(cell("openBalance"), digits);
      if (open === null && textOfCell(cell("openBalance")) !== "") {
        return skip("openBalance", `open balance "${textOfCell(cell("openBalance"))}" is not a number`);
      }
      openMinor = open ?? 0;
    }
    const invoiceDate = parseDateCell(cell("invoiceDate"), table.date1904) ?? undefined;
    records.push({
      invoice: textOfCell(cell("invoice")),
      customer: textOfCell(cell("customer")) || "(no customer)",
      invoiceDate,
      dueDate,
      amountMinor,
      openMinor,
      currency,
      source: { sheet: table.sheet, table: table.name, row: worksheetRow },
    });
  });
  return { records, skipped, mapping };
}
