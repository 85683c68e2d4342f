import { FIELD_NAMES, mapColumns, missingAgingFields, toMapping, type Field, type FieldMapping, type FieldMatch } from "../core/columns/mapColumns";
import { ArDeskError } from "../core/errors";
import { openOn } from "../core/aging/balance";
import { isCreditType, openBalanceOf } from "../core/parse/balance";
import { isBlankRow, parseRows, type ParsedRow } from "../core/parse/parseRows";
import type { DateOrder } from "../core/parse/textDates";
import type { DayNumber, InvoiceRecord } from "../core/types";
import { validateInvoices, type QualityScore } from "../core/validate/validateInvoices";
import type { Issue } from "../core/validate/types";
import type { CellValue, TableData } from "./port";

/** A row left out of the aging, with the cell and the reason, for the summary. */
export interface SkippedRow {
  sheet: string;
  row: number;
  cell: string;
  reason: string;
}

export interface LoadOptions {
  asOf: DayNumber;
  /** The user's own column mapping (from the pane or settings); detected from headers when absent. */
  mapping?: FieldMapping;
  /** False for CSV, where every cell is text. */
  typedCells?: boolean;
  defaultDateOrder?: DateOrder;
}

export interface InvoiceLoad {
  records: InvoiceRecord[];
  /** Data rows read (blank and totals rows not counted). */
  rowsRead: number;
  /** Rows left out because of an error, with the first error of each. */
  skipped: SkippedRow[];
  issues: Issue[];
  quality: QualityScore;
  /** What each column was taken for, with confidence (the user's mapping shows confidence 1). */
  columns: FieldMatch[];
  mapping: FieldMapping;
}

const TOTAL_WORDS = /^(grand\s+total|sub\s*-?\s*total|totals?|sum|summe|gesamt(summe)?|zwischensumme|total\s+g[ée]n[ée]ral|sous[\s-]total|total\s+general|suma|overall\s+total)\b/i;

/**
 * True for a totals line inside the data ("Total", "Grand total", "Sous-total Acme"): no invoice
 * number, and a cell that starts with a total word. Such lines are not invoices.
 */
export function isTotalsRow(row: readonly CellValue[], invoiceColumn: number | undefined): boolean {
  const invoice = invoiceColumn === undefined ? null : row[invoiceColumn];
  if (invoice !== null && invoice !== undefined && String(invoice).trim() !== "" && !TOTAL_WORDS.test(String(invoice).trim())) return false;
  return row.some((cell) => typeof cell === "string" && TOTAL_WORDS.test(cell.trim()));
}

/**
 * The mapping to use: the user's choices first, then detection for every other field whose
 * column the user did not take. Fails with the headers seen when aging fields are missing.
 */
export function resolveMapping(table: Pick<TableData, "name" | "sheet" | "headers">, override?: FieldMapping): { mapping: FieldMapping; columns: FieldMatch[] } {
  const detected = mapColumns(table.headers);
  const chosen = Object.entries(override ?? {}).filter(([, column]) => column !== undefined) as [Field, number][];
  const taken = new Set(chosen.map(([, column]) => column));
  const columns: FieldMatch[] = [
    ...chosen.map(([field, column]) => ({ field, column, header: String(table.headers[column] ?? ""), confidence: 1 })),
    ...detected.filter((m) => !taken.has(m.column) && !chosen.some(([field]) => field === m.field)),
  ].sort((a, b) => a.column - b.column);
  const mapping = toMapping(columns);
  const missing = missingAgingFields(mapping);
  if (missing.length) {
    throw new ArDeskError(
      "NO_INVOICE_TABLE",
      `Table "${table.name}" on sheet "${table.sheet}" has no ${missing.map((f) => FIELD_NAMES[f]).join(", ")} column.`,
      `Its headers are: ${table.headers.join(", ") || "(none)"}. Rename a header, or choose the column in AR Desk's column mapping.`,
    );
  }
  return { mapping, columns };
}

function toRecord(row: ParsedRow, table: TableData, asOf: DayNumber): InvoiceRecord | null {
  const exportOpen = openBalanceOf(row);
  const due = row.dates.dueDate.value;
  if (exportOpen === null || due === null) return null;
  const amount = row.money.amount.value ?? exportOpen;
  const paid = amount - exportOpen;
  const paidDate = row.dates.paidDate.value ?? undefined;
  const currency = row.text.currency.toUpperCase() || undefined;
  const record: InvoiceRecord = {
    invoice: row.text.invoice,
    customer: row.text.customer || row.text.customerId,
    invoiceDate: row.dates.invoiceDate.value ?? undefined,
    dueDate: due,
    amountMinor: amount,
    openMinor: exportOpen,
    currency,
    source: { sheet: table.sheet, table: table.name, row: row.row },
    paidDate,
    // The paid part is dated by the paid date when there is one; otherwise it is known to be
    // paid by now but not when, which KPIs over past periods must be told.
    payments: paid !== 0 && paidDate !== undefined ? [{ day: paidDate, minor: paid }] : undefined,
    undatedPaidMinor: paid !== 0 && paidDate === undefined ? paid : undefined,
    disputed: row.disputed.value === true || undefined,
    promiseDate: row.dates.promiseDate.value ?? undefined,
    isCredit: amount < 0 || isCreditType(row.text.type) || undefined,
    email: row.text.email || undefined,
    contact: row.text.contact || undefined,
    terms: row.text.terms || undefined,
    notes: row.text.notes || undefined,
    language: row.text.language.toLowerCase() || undefined,
    creditLimitMinor: row.money.creditLimit.value ?? undefined,
  };
  record.openMinor = openOn(record, asOf);
  return record;
}

/**
 * From a table's raw cells to invoice records: map columns, read every cell as its type, run
 * every validation rule, and keep the rows without errors. Blank rows and totals lines are not
 * invoices and are not counted; rows with errors are counted and listed, never dropped silently.
 */
export function loadInvoices(table: TableData, options: LoadOptions): InvoiceLoad {
  const { mapping, columns } = resolveMapping(table, options.mapping);
  // Totals lines are blanked, not removed, so row numbers stay those of the worksheet.
  const rows = table.rows.map((row) => (isTotalsRow(row, mapping.invoice) ? row.map(() => null) : row));
  const parsed = parseRows(rows, { mapping, firstDataRow: table.firstDataRow, date1904: table.date1904, defaultDateOrder: options.defaultDateOrder });
  const headerRow = table.firstDataRow - 1;
  const validation = validateInvoices(parsed.rows, {
    sheet: table.sheet,
    headers: table.headers,
    mapping,
    firstColumn: table.firstColumn,
    headerRow,
    asOf: options.asOf,
    reading: parsed.reading,
    typedCells: options.typedCells ?? true,
  });
  const firstError = new Map<number, Issue>();
  for (const issue of validation.issues) if (issue.severity === "error" && !firstError.has(issue.row)) firstError.set(issue.row, issue);

  const records: InvoiceRecord[] = [];
  const skipped: SkippedRow[] = [];
  for (const row of parsed.rows) {
    const error = validation.excludedRows.has(row.row) ? firstError.get(row.row) : undefined;
    const record = error ? null : toRecord(row, table, options.asOf);
    if (record) records.push(record);
    else skipped.push({ sheet: table.sheet, row: row.row, cell: error?.cell ?? `row ${row.row}`, reason: error?.message ?? "the row cannot be aged" });
  }
  return {
    records,
    rowsRead: parsed.rows.length,
    skipped,
    issues: validation.issues,
    quality: validation.quality,
    columns,
    mapping,
  };
}

export { isBlankRow };
