/**
 * On files too, what a user types in a column they add to AR Desk's invoice detail table stays on
 * the same invoice after a refresh, and a row that drops out takes it to the AR Archive sheet.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";

/** The table's header row and body rows as plain values. */
function tableRows(sheet: ExcelJS.Worksheet): { headers: string[]; rows: unknown[][] } {
  const values: unknown[][] = [];
  sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  const headerRow = values.findIndex((row) => row.includes("Invoice"));
  return { headers: values[headerRow].map(String), rows: values.slice(headerRow + 1) };
}

describe("a Notes column added to AR Invoice Detail in a file", () => {
  it("stays on its invoice across a refresh, and moves to AR Archive when the invoice drops out", async () => {
    const dir = tempDir();
    const book = path.join(dir, "sample.xlsx");
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    expect((await runCli("sample", book, "--as-of", "2026-11-23")).code).toBe(0);
    expect((await runCli("refresh", book, "--as-of", "2026-11-23", "--out", first)).code).toBe(0);

    // What a user does in Excel: a header typed beside the table grows it; notes on two invoices.
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.readFile(first);
    const sheet = annotated.getWorksheet("AR Invoice Detail")!;
    const { headers, rows } = tableRows(sheet);
    const invoiceAt = headers.indexOf("Invoice");
    const dateAt = headers.indexOf("Invoice date");
    const dated = rows.filter((r) => r[dateAt] instanceof Date) as unknown[][];
    const late = dated.find((r) => (r[dateAt] as Date).toISOString() > "2026-11-01")!;
    const early = dated.find((r) => (r[dateAt] as Date).toISOString() < "2026-10-01")!;
    const notes = new Map([
      [String(late[invoiceAt]), "sent copy again"],
      [String(early[invoiceAt]), "promised by Friday"],
    ]);
    // ExcelJS keeps a table read from a file as its model: grow it by one column as Excel would.
    const model = (sheet.getTable("ARInvoiceDetail") as unknown as { table: { tableRef: string; totalsRow?: boolean; columns: { name: string }[] } }).table;
    const [from, to] = model.tableRef.split(":");
    const lastRow = Number(/\d+$/.exec(to)![0]);
    const notesColumn = model.columns.length + 1;
    sheet.getCell(1, notesColumn).value = "Notes";
    for (let r = 2; r <= lastRow - (model.totalsRow ? 1 : 0); r++) {
      const note = notes.get(String(sheet.getCell(r, invoiceAt + 1).value));
      if (note) sheet.getCell(r, notesColumn).value = note;
    }
    model.columns.push({ name: "Notes" });
    model.tableRef = `${from}:${sheet.getColumn(notesColumn).letter}${lastRow}`;
    await annotated.xlsx.writeFile(first);

    // An earlier as-of date: the invoice issued in November is not in that aging any more.
    expect((await runCli("refresh", first, "--as-of", "2026-10-15", "--out", second)).code).toBe(0);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(second);
    const after = tableRows(out.getWorksheet("AR Invoice Detail")!);
    expect(after.headers[after.headers.length - 1]).toBe("Notes");
    const noteOf = (invoice: string) => after.rows.find((r) => String(r[after.headers.indexOf("Invoice")]) === invoice)?.[after.headers.indexOf("Notes")];
    expect(noteOf(String(early[invoiceAt]))).toBe("promised by Friday");
    expect(after.rows.some((r) => String(r[after.headers.indexOf("Invoice")]) === String(late[invoiceAt]))).toBe(false);

    const archive: unknown[][] = [];
    out.getWorksheet("AR Archive")!.eachRow((row) => archive.push((row.values as unknown[]).slice(1)));
    expect(archive[0]).toEqual(["Archived", "Table", "Row", "Column", "Value"]);
    expect(archive.slice(1).map((r) => r.slice(2))).toEqual([[`${late[0]} | ${late[invoiceAt]}${late[2] ? ` | ${late[2]}` : ""}`, "Notes", "sent copy again"]]);
  });
});
