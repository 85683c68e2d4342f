import ExcelJS from "exceljs";
import { dayFromIso } from "../../src/core/parse/dates";
import { isPaymentsTable } from "../../src/workbook/payments";
import { refreshAging } from "../../src/workbook/refreshAging";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const info = (headers: string[]) => ({ name: "T", sheet: "S", headers, headerAddress: "A1", rowCount: 1 });

describe("payments table", () => {
  it("is told apart from invoice and customer tables", () => {
    expect(isPaymentsTable(info(["Invoice", "Payment date", "Amount"]))).toBe(true);
    expect(isPaymentsTable(info(["Invoice #", "Paid on", "Amount paid"]))).toBe(true);
    expect(isPaymentsTable(info(["Invoice", "Customer", "Due date", "Amount", "Paid date"]))).toBe(false);
    expect(isPaymentsTable(info(["Customer", "Email"]))).toBe(false);
  });

  it("is applied by invoice number as of the date: later payments do not count, unknown invoices are unapplied", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Ledger").addTable({
      name: "Invoices",
      ref: "A1",
      columns: ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount"].map((name) => ({ name })),
      rows: [
        ["INV-001", "Acme", d("2026-01-01"), d("2026-01-31"), 1000],
        ["INV-002", "Acme", d("2026-02-01"), d("2026-03-03"), 500],
        ["INV-003", "Beta", d("2026-03-01"), d("2026-03-31"), 200],
      ],
    });
    workbook.addWorksheet("Cash").addTable({
      name: "Payments",
      ref: "A1",
      columns: ["Invoice", "Payment Date", "Amount"].map((name) => ({ name })),
      rows: [
        ["INV-001", d("2026-02-10"), 400], // before the as-of date: 600 left
        ["inv 1", d("2026-03-01"), 100], // same invoice written differently: 500 left
        ["INV-002", d("2026-04-15"), 500], // after the as-of date: not yet paid
        ["INV-999", d("2026-03-05"), 75], // no such invoice: unapplied
      ],
    });
    const result = await refreshAging(new XlsxWorkbookPort(workbook), { asOf: dayFromIso("2026-03-31")! });
    const acme = result.report.customers.find((c) => c.customer === "Acme")!;
    // INV-001: 59 days past due → 31–60; INV-002: 28 days → 1–30.
    expect(acme.buckets).toEqual([0, 50_000, 50_000, 0, 0, 0]);
    expect(result.report.grandTotal).toBe(120_000);
    expect(result.unappliedPayments).toEqual([{ invoice: "INV-999", day: dayFromIso("2026-03-05"), minor: 7_500, row: 5 }]);
  });
});
