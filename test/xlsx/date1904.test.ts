/**
 * The ExcelJS adapter (CSV input, samples, zip64 workbooks) on a workbook that counts dates from
 * 1904: the serials AR Desk plans are written as they are, so they must be 1904 serials there.
 */
import ExcelJS from "exceljs";
import { dayFromIso } from "../../src/core/parse/dates";
import { refreshAging } from "../../src/workbook/refreshAging";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";

const AS_OF = dayFromIso("2026-03-31")!;
const NOW = new Date("2026-03-31T09:00:00Z");
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : `not a date: ${JSON.stringify(value)}`);

/** A sheet's rows as the saved file reads back (ExcelJS turns date cells into Date in the file's system). */
async function savedRows(workbook: ExcelJS.Workbook, sheet: string): Promise<unknown[][]> {
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load(await workbook.xlsx.writeBuffer());
  expect(copy.properties.date1904).toBe(true);
  const rows: unknown[][] = [];
  copy.getWorksheet(sheet)!.eachRow({ includeEmpty: true }, (row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1)));
  return rows;
}

test("a 1904 workbook held by ExcelJS gets its as-of, detail and history dates on the right day, twice refreshed", async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = true;
  workbook.addWorksheet("Ledger").addTable({
    name: "Invoices",
    ref: "A1",
    headerRow: true,
    columns: ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"].map((name) => ({ name })),
    rows: [["A-1", "Acme", d("2026-02-01"), d("2026-03-02"), 100.5]],
  });
  const port = new XlsxWorkbookPort(workbook);
  for (let run = 1; run <= 2; run++) {
    await refreshAging(port, { asOf: AS_OF, now: NOW, snapshot: true });
    expect({ run, asOf: iso((await savedRows(workbook, "AR Aging"))[1][1]) }).toEqual({ run, asOf: "2026-03-31" });
    const [header, ...detail] = await savedRows(workbook, "AR Invoice Detail");
    const a1 = detail.find((r) => r[header.indexOf("Invoice")] === "A-1")!;
    expect([iso(a1[header.indexOf("Invoice date")]), iso(a1[header.indexOf("Due date")]), a1[header.indexOf("Days")]]).toEqual(["2026-02-01", "2026-03-02", 29]);
    const history = (await savedRows(workbook, "AR History")).slice(1).filter((r) => r.length);
    expect({ run, rows: history.length, days: [...new Set(history.map((r) => iso(r[0])))] }).toEqual({ run, rows: 6, days: ["2026-03-31"] });
  }
});
