import { mapColumns, toMapping, type FieldMapping } from "../../src/core/columns/mapColumns";
import { dayFromIso } from "../../src/core/parse/dates";
import { parseRows, type ParsedRow, type RawCell } from "../../src/core/parse/parseRows";
import type { DateOrder } from "../../src/core/parse/textDates";
import type { DayNumber } from "../../src/core/types";
import type { Issue, Rule, ValidationContext } from "../../src/core/validate/types";

/** The day of an ISO date, failing loudly on a typo in a fixture. */
export function day(iso: string): DayNumber {
  const result = dayFromIso(iso);
  if (result === null) throw new Error(`bad fixture date ${iso}`);
  return result;
}

export interface FixtureOptions {
  /** ISO as-of date; 2026-03-31 when absent. */
  asOf?: string;
  /** 1-based worksheet row of the first data row; 2 (header on row 1) when absent. */
  firstDataRow?: number;
  /** 1-based worksheet column of the first header; 1 (column A) when absent. */
  firstColumn?: number;
  sheet?: string;
  /** Mapping to use instead of the one detected from the headers. */
  mapping?: FieldMapping;
  typedCells?: boolean;
  date1904?: boolean;
  defaultDateOrder?: DateOrder;
}

export interface Fixture {
  rows: ParsedRow[];
  context: ValidationContext;
}

/**
 * A parsed table and its validation context, as loadInvoices builds them, from headers and raw
 * cells: the way every rule test sets up its table.
 */
export function fixture(headers: string[], cells: RawCell[][], options: FixtureOptions = {}): Fixture {
  const mapping = options.mapping ?? toMapping(mapColumns(headers));
  const firstDataRow = options.firstDataRow ?? 2;
  const parsed = parseRows(cells, { mapping, firstDataRow, date1904: options.date1904, defaultDateOrder: options.defaultDateOrder });
  return {
    rows: parsed.rows,
    context: {
      sheet: options.sheet ?? "Invoices",
      headers,
      mapping,
      firstColumn: options.firstColumn ?? 1,
      headerRow: firstDataRow - 1,
      asOf: day(options.asOf ?? "2026-03-31"),
      reading: parsed.reading,
      typedCells: options.typedCells ?? true,
    },
  };
}

/** Runs one rule over a fixture. */
export function run(rule: Rule, headers: string[], cells: RawCell[][], options: FixtureOptions = {}): Issue[] {
  const { rows, context } = fixture(headers, cells, options);
  return rule.check(rows, context);
}

/** The parts of a finding a test pins down (message and fix are checked separately when they matter). */
export function where(issues: readonly Issue[]): { rule: string; severity: string; cell: string; row: number; column: string; value: string }[] {
  return issues.map(({ rule, severity, cell, row, column, value }) => ({ rule, severity, cell, row, column, value }));
}

/** Excel serial (1900 system) of an ISO date, for typed date cells. */
export function serial(iso: string): number {
  return day(iso) + 25_569;
}

/** The standard headers most rule tests use: A invoice, B customer, C invoice date, D due date, E amount. */
export const BASIC = ["Invoice Number", "Customer", "Invoice Date", "Due Date", "Amount"];

/** A clean row under BASIC: issued 2026-03-01, due 2026-03-31, 100.00. */
export function clean(invoice: string, customer = "Acme", amount: RawCell = 100): RawCell[] {
  return [invoice, customer, serial("2026-03-01"), serial("2026-03-31"), amount];
}
