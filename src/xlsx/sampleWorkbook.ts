import ExcelJS from "exceljs";
import type { SampleInvoice } from "../workbook/sample";
import { DATE_FORMAT, moneyFormat } from "../workbook/sheetPlan";

export const SAMPLE_HEADERS = ["Invoice #", "Customer", "Email", "Invoice Date", "Due Date", "Terms", "Amount", "Balance", "Paid Date", "Currency"];

const MS_PER_DAY = 86_400_000;
const asDate = (day: number | null) => (day === null ? null : new Date(day * MS_PER_DAY));

/** A workbook like an accountant's: one "Invoices" sheet holding an Excel table of the ledger. */
export function buildSampleWorkbook(invoices: readonly SampleInvoice[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "AR Desk sample";
  const sheet = workbook.addWorksheet("Invoices", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addTable({
    name: "Invoices",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: SAMPLE_HEADERS.map((name) => ({ name, filterButton: true })),
    rows: invoices.map((row) => [
      row.invoice,
      row.customer,
      row.email,
      asDate(row.invoiceDate),
      asDate(row.dueDate),
      row.terms,
      row.amountCents / 100,
      row.balanceCents / 100,
      asDate(row.paidDate),
      "USD",
    ]),
  });
  const widths = [12, 34, 36, 12, 12, 8, 14, 14, 12, 9];
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (const column of [4, 5, 9]) sheet.getColumn(column).numFmt = DATE_FORMAT;
  for (const column of [7, 8]) sheet.getColumn(column).numFmt = moneyFormat(2);
  return workbook;
}
