import { FIELD_NAMES, mapColumns, missingAgingFields, toMapping, type Field, type FieldMapping, type FieldMatch } from "../core/columns/mapColumns";
import { ArDeskError } from "../core/errors";
import { openOn } from "../core/aging/balance";
import { isCreditType, openBalanceAt } from "../core/parse/balance";
import { distinctValues, type Distinct } from "../core/parse/distinct";
import { isBlankRow, isPrintableAscii, parseColumns, type ParsedColumns, type ValueColumn } from "../core/parse/parseColumns";
import type { DateOrder } from "../core/parse/textDates";
import type { DayNumber, InvoiceRecord, SourceRef } from "../core/types";
import { customerCodes } from "../core/validate/columns";
import { validateColumns, type QualityScore, type ValidationResult } from "../core/validate/validateInvoices";
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
 * False when text cannot start with a total word: those all begin with g, o, s, t or z, and
 * nearly every invoice number begins with something else, so the regular expression is spared.
 */
function mayStartTotalWord(text: string): boolean {
  const letter = text.charCodeAt(0) | 32; // lower case of an ASCII letter
  return letter === 103 || letter === 111 || letter === 115 || letter === 116 || letter === 122;
}

/**
 * True for a totals line inside the data ("Total", "Grand total", "Sous-total Acme"): no invoice
 * number, and a cell that starts with a total word. Such lines are not invoices.
 */
export function isTotalsRow(row: readonly CellValue[], invoiceColumn: number | undefined): boolean {
  const invoice = invoiceColumn === undefined ? null : row[invoiceColumn];
  // Nearly every row has an invoice number that is a number, or text whose first character is
  // no total word's: decided without trimming a copy.
  if (typeof invoice === "number") return false;
  if (typeof invoice === "string" && isPrintableAscii(invoice.charCodeAt(0)) && !mayStartTotalWord(invoice)) return false;
  if (invoice !== null && invoice !== undefined) {
    const text = String(invoice).trim();
    if (text !== "" && (!mayStartTotalWord(text) || !TOTAL_WORDS.test(text))) return false;
  }
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

/**
 * The same number, as a small integer where it is one. A number read from a Float64Array is a
 * double to V8, which boxes it in every record that holds it (16 bytes more per field, and
 * more for the garbage collector to walk); a small integer is stored in the record itself.
 */
function asStored(value: number): number {
  return value === (value | 0) ? value | 0 : value;
}

/** The value at k, or undefined when the cell gave none. */
function valueOrUndefined(column: ValueColumn, k: number): number | undefined {
  const value = column.values[k];
  return value === value ? asStored(value) : undefined;
}

/** What building records needs from the whole table, decided once rather than once per row. */
interface RecordContext {
  table: TableData;
  /** The table's sheet and name, one object for all its records. */
  source: SourceRef;
  asOf: DayNumber;
  currencies: Distinct;
  /** Upper-case code of each distinct currency cell, undefined for none. */
  currencyCodes: (string | undefined)[];
  types: Distinct;
  creditTypes: boolean[];
  /**
   * Each row's customer (name, else id) as one string per customer: aging, risk and reminders
   * group records by it, and a shared string compares by identity at once.
   */
  customers: Distinct;
  /**
   * The table has a column for a field many ledgers lack (contact, notes, language, promise
   * date, credit limit, disputed). Without one, records leave those six fields out, a quarter
   * of a record's own slots: less for the garbage collector to copy while a million records
   * are made.
   */
  rareFields: boolean;
}

const RARE_FIELDS = ["contact", "notes", "language", "promiseDate", "creditLimit", "disputed"] as const satisfies readonly Field[];

function toRecord(t: ParsedColumns, k: number, c: RecordContext): InvoiceRecord | null {
  const balance = openBalanceAt(t, k);
  const due = t.dates.dueDate.values[k];
  if (balance === null || due !== due) return null;
  const exportOpen = asStored(balance);
  const amount = valueOrUndefined(t.money.amount, k) ?? exportOpen;
  const paid = asStored(amount - exportOpen);
  const paidDate = valueOrUndefined(t.dates.paidDate, k);
  const text = t.text;
  const invoice = text.invoice[k];
  const customer = c.customers.values[c.customers.codes[k]];
  const invoiceDate = valueOrUndefined(t.dates.invoiceDate, k);
  const currency = c.currencyCodes[c.currencies.codes[k]];
  const row = t.row[k];
  // The paid part is dated by the paid date when there is one; otherwise it is known to be
  // paid by now but not when, which KPIs over past periods must be told.
  const paidMinor = paid !== 0 && paidDate !== undefined ? paid : undefined;
  const undatedPaidMinor = paid !== 0 && paidDate === undefined ? paid : undefined;
  const isCredit = amount < 0 || c.creditTypes[c.types.codes[k]] || undefined;
  const email = text.email[k] || undefined;
  const terms = text.terms[k] || undefined;
  // One shape for every record of a table, so the stages that read them see one layout.
  const record: InvoiceRecord = c.rareFields
    ? {
        invoice,
        customer,
        invoiceDate,
        dueDate: asStored(due),
        amountMinor: amount,
        openMinor: exportOpen,
        currency,
        source: c.source,
        row,
        paidDate,
        paidMinor,
        undatedPaidMinor,
        disputed: t.disputed.values[k] === 1 || undefined,
        promiseDate: valueOrUndefined(t.dates.promiseDate, k),
        isCredit,
        email,
        contact: text.contact[k] || undefined,
        terms,
        notes: text.notes[k] || undefined,
        language: text.language[k] ? text.language[k].toLowerCase() || undefined : undefined,
        creditLimitMinor: valueOrUndefined(t.money.creditLimit, k),
      }
    : { invoice, customer, invoiceDate, dueDate: asStored(due), amountMinor: amount, openMinor: exportOpen, currency, source: c.source, row, paidDate, paidMinor, undatedPaidMinor, isCredit, email, terms };
  record.openMinor = asStored(openOn(record, c.asOf));
  return record;
}

/** The cells of a table read as their fields' types, with the mapping used. */
export interface ReadRows {
  parsed: ParsedColumns;
  mapping: FieldMapping;
  columns: FieldMatch[];
}

/** Maps the columns and reads every cell as its type; totals lines are blanked first. */
export function readRows(table: TableData, options: LoadOptions): ReadRows {
  const { mapping, columns } = resolveMapping(table, options.mapping);
  // Totals lines are blanked, not removed, so row numbers stay those of the worksheet; the
  // table's rows are copied only when there is one.
  let rows: CellValue[][] | undefined;
  for (let i = 0; i < table.rows.length; i++) {
    if (!isTotalsRow(table.rows[i], mapping.invoice)) continue;
    rows ??= [...table.rows];
    rows[i] = rows[i].map(() => null);
  }
  const parsed = parseColumns(rows ?? table.rows, { mapping, firstDataRow: table.firstDataRow, date1904: table.date1904, defaultDateOrder: options.defaultDateOrder });
  return { parsed, mapping, columns };
}

/** Runs every validation rule over the rows read. */
export function checkRows(table: TableData, read: ReadRows, options: LoadOptions): ValidationResult {
  return validateColumns(read.parsed, {
    sheet: table.sheet,
    headers: table.headers,
    mapping: read.mapping,
    firstColumn: table.firstColumn,
    headerRow: table.firstDataRow - 1,
    asOf: options.asOf,
    reading: read.parsed.reading,
    typedCells: options.typedCells ?? true,
  });
}

/** The records of the rows without errors, and the rows left out with the reason. */
export function recordsFrom(table: TableData, read: ReadRows, validation: ValidationResult, options: LoadOptions): InvoiceLoad {
  const firstError = new Map<number, Issue>();
  for (const issue of validation.issues) if (issue.severity === "error" && !firstError.has(issue.row)) firstError.set(issue.row, issue);

  const { parsed } = read;
  const currencies = distinctValues(parsed.text.currency);
  const types = distinctValues(parsed.text.type);
  const context: RecordContext = {
    table,
    source: { sheet: table.sheet, table: table.name },
    asOf: options.asOf,
    currencies,
    currencyCodes: currencies.values.map((v) => v.toUpperCase() || undefined),
    types,
    creditTypes: types.values.map(isCreditType),
    customers: customerCodes(parsed, read.mapping),
    rareFields: RARE_FIELDS.some((field) => read.mapping[field] !== undefined),
  };
  // Made at full size and cut at the end: grown a push at a time, a million records' array was
  // made again and again in V8's large-object space, where making an array costs ten times as
  // much per item as a small one.
  const records = new Array<InvoiceRecord>(parsed.length);
  let count = 0;
  const skipped: SkippedRow[] = [];
  for (let k = 0; k < parsed.length; k++) {
    const row = parsed.row[k];
    const error = validation.excludedRows.has(row) ? firstError.get(row) : undefined;
    const record = error ? null : toRecord(parsed, k, context);
    if (record) records[count++] = record;
    else skipped.push({ sheet: table.sheet, row, cell: error?.cell ?? `row ${row}`, reason: error?.message ?? "the row cannot be aged" });
  }
  records.length = count;
  return {
    records,
    rowsRead: read.parsed.length,
    skipped,
    issues: validation.issues,
    quality: validation.quality,
    columns: read.columns,
    mapping: read.mapping,
  };
}

/**
 * From a table's raw cells to invoice records: map columns, read every cell as its type, run
 * every validation rule, and keep the rows without errors. Blank rows and totals lines are not
 * invoices and are not counted; rows with errors are counted and listed, never dropped silently.
 */
export function loadInvoices(table: TableData, options: LoadOptions): InvoiceLoad {
  const read = readRows(table, options);
  return recordsFrom(table, read, checkRows(table, read, options), options);
}

export { isBlankRow };
