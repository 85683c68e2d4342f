import type { LedgerAging } from "../../core/aging/ageInvoices";
import { excelSerialFromDay } from "../../core/parse/dates";
import { unitsFromMinor } from "../../core/parse/money";
import { DATE_FORMAT, moneyFormat, type DateSystem, type PlanCell, type SheetPlan } from "../sheetPlan";

export const DETAIL_SHEET = "AR Invoice Detail";
export const DETAIL_TABLE = "ARInvoiceDetail";
/** Columns of the detail table; the aging sheet's tie-out formulas find them by these names. */
export const DETAIL_COLUMNS = [
  "Customer",
  "Invoice",
  "Currency",
  "Invoice date",
  "Due date",
  "Amount",
  "Open amount",
  "Days",
  "Bucket",
  "Disputed",
  "Promise date",
  "Credit note",
  "Source row",
] as const;

/**
 * "AR Invoice Detail": every open item behind the aging, one row each, with the bucket it went
 * to. The tie-out block on "AR Aging" sums this table with SUMIFS, so the two always agree.
 * Dates are written as serials of the workbook's date system (`date1904`).
 */
export function planDetailSheet(aging: LedgerAging, context: DateSystem = {}): SheetPlan {
  // One currency: its decimals and a totals row. Several: no totals row (amounts in different
  // currencies must not be added), and two decimals so cents show; yen then show ".00".
  const single = aging.currencies.length === 1;
  const digits = single ? aging.currencies[0].digits : 2;
  const date = (day: number | undefined) => (day === undefined ? null : excelSerialFromDay(day, context.date1904));
  const rows: PlanCell[][] = aging.currencies.flatMap((report) =>
    report.items.map(({ record, days, bucket }) => [
      record.customer,
      record.invoice,
      report.currency,
      date(record.invoiceDate),
      date(record.dueDate),
      unitsFromMinor(record.amountMinor, report.digits),
      unitsFromMinor(record.openMinor, report.digits),
      days,
      report.buckets[bucket].label,
      record.disputed ? "Yes" : "",
      date(record.promiseDate),
      record.isCredit ? "Yes" : "",
      `${record.source.sheet}!${record.row}`,
    ]),
  );
  const formats: (string | null)[] = DETAIL_COLUMNS.map((column) => {
    if (column.endsWith("date")) return DATE_FORMAT;
    if (column === "Amount" || column === "Open amount") return moneyFormat(digits);
    if (column === "Days") return "0";
    return null;
  });
  return {
    name: DETAIL_SHEET,
    kind: "detail",
    blocks: [],
    tables: [{ name: DETAIL_TABLE, at: "A1", headers: [...DETAIL_COLUMNS], rows, columnFormats: formats, totals: single ? DETAIL_COLUMNS.map((c) => (c === "Customer" ? "label" : c === "Amount" || c === "Open amount" ? "sum" : "none")) : undefined, style: "TableStyleLight9" }],
    columnWidths: [34, 14, 9, 12, 12, 14, 14, 7, 10, 9, 12, 11, 16],
    freezeRows: 1,
  };
}
