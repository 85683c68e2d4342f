/**
 * Small invoice workbooks for tests that run AR Desk on a file: the same two-invoice ledger many
 * tests start from, built with ExcelJS as a user's own file would be.
 */
import ExcelJS from "exceljs";

/** A calendar day as ExcelJS takes a date cell: UTC midnight. */
export const utcDay = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Adds the sheet "Ledger" with the table "Invoices": two customers, one invoice each. */
export function addSmallLedger(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet("Ledger");
  sheet.addTable({
    name: "Invoices",
    ref: "A1",
    headerRow: true,
    columns: ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"].map((name) => ({ name })),
    rows: [
      ["A-1", "Acme", utcDay("2026-01-01"), utcDay("2026-02-01"), 10],
      ["B-1", "Beta", utcDay("2026-01-15"), utcDay("2026-03-01"), 20],
    ],
  });
  return sheet;
}

/** A file read back with ExcelJS. */
export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}
