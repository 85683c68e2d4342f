import type { AgingReport } from "../../core/aging/ageInvoices";
import { excelSerialFromDay } from "../../core/parse/dates";
import { unitsFromMinor } from "../../core/parse/money";
import { DATE_FORMAT, moneyFormat, type PlanCell, type SheetPlan } from "../sheetPlan";

export const AGING_SHEET = "AR Aging";
export const AGING_TABLE = "ARAging";
/** Row of the aging table's header; the block above it is the title and the as-of stamp. */
export const AGING_TABLE_ROW = 6;

export interface AgingSheetContext {
  source: { table: string; sheet: string };
  invoicesRead: number;
  rowsSkipped: number;
  /** Decimals of the currency's minor unit. */
  digits?: number;
}

/**
 * The "AR Aging" sheet: title, as-of stamp and source, then an Excel table of customers by
 * bucket with a totals row. Amounts are written in currency units with a money format.
 */
export function planAgingSheet(report: AgingReport, context: AgingSheetContext): SheetPlan {
  const digits = context.digits ?? 2;
  const money = (minor: number) => unitsFromMinor(minor, digits);
  const headers = ["Customer", ...report.buckets.map((b) => b.label), "Total"];
  const rows: PlanCell[][] = report.customers.map((c) => [c.customer, ...c.buckets.map(money), money(c.total)]);
  const { invoicesRead, rowsSkipped } = context;
  return {
    name: AGING_SHEET,
    kind: "aging",
    blocks: [
      { at: "A1", values: [["AR Aging"]], style: "title" },
      { at: "A2", values: [["As of"]], style: "label" },
      { at: "B2", values: [[excelSerialFromDay(report.asOf)]], numberFormat: DATE_FORMAT },
      { at: "A3", values: [["Source"], ["Invoices"]], style: "label" },
      {
        at: "B3",
        values: [
          [`Table ${context.source.table} on sheet ${context.source.sheet}`],
          [`${invoicesRead} read, ${report.openInvoices} open, ${rowsSkipped} skipped (unreadable amount or due date)`],
        ],
      },
    ],
    tables: [
      {
        name: AGING_TABLE,
        at: `A${AGING_TABLE_ROW}`,
        headers,
        rows,
        columnFormats: headers.map((_, i) => (i === 0 ? null : moneyFormat(digits))),
        totals: headers.map((_, i) => (i === 0 ? "label" : "sum")),
        style: "TableStyleMedium2",
      },
    ],
    columnWidths: [34, ...report.buckets.map(() => 14), 16],
    freezeRows: AGING_TABLE_ROW,
  };
}
