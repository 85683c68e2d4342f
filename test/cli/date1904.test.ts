/**
 * An .xlsx workbook that counts dates from 1904 (workbookPr date1904="1", old Mac workbooks)
 * through the command line (the package adapter, src/xlsx/zip): its invoice dates are read in
 * that system, and every date AR Desk writes or reads back is a 1904 serial, so the file shows
 * the right days in Excel, ExcelJS and LibreOffice, and the AR History does not drift on refresh.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { markSent } from "../../src/workbook/reminders";
import { openWorkbook, saveWorkbookAtomically } from "../../src/xlsx/files";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";
import { XlsxPackage } from "../../src/xlsx/zip/xlsxPackage";
import { runCli, tempDir } from "../support/cliRunner";
import { recalculateWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(240_000);

const AS_OF = "2026-03-31";
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : `not a date: ${JSON.stringify(value)}`);

/** A 1904 workbook as a Mac user's Excel saves it; ExcelJS writes the dates as 1904 serials. */
async function book1904(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = true;
  workbook.addWorksheet("Ledger").addTable({
    name: "Invoices",
    ref: "A1",
    headerRow: true,
    columns: ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Email"].map((name) => ({ name })),
    rows: [
      ["A-1", "Acme", d("2026-02-01"), d("2026-03-02"), 100.5, "ap@acme.example"],
      ["B-7", "Beta", d("2025-12-15"), d("2026-01-14"), 250, "ap@beta.example"],
    ],
  });
  const file = path.join(dir, "mac.xlsx");
  await workbook.xlsx.writeFile(file);
  return file;
}

/** A sheet's cell values as an independent reader (ExcelJS, 1904-aware) sees them: `rows[r][c]` is row r + 1, column c + 1. */
async function sheetValues(file: string, sheet: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.properties.date1904).toBe(true);
  const rows: unknown[][] = [];
  workbook.getWorksheet(sheet)!.eachRow({ includeEmpty: true }, (row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1)));
  return rows;
}

/** The serial stored in a cell of the saved file, read straight from the sheet's XML. */
async function storedSerial(file: string, sheet: string, cell: string): Promise<number> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  const xml = await zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)!.async("string");
  return Number(new RegExp(`<c r="${cell}"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]+)</v>`).exec(xml)![1]);
}

describe("a 1904 .xlsx through the command line", () => {
  let dir: string;
  let out: string;

  beforeAll(async () => {
    dir = tempDir();
    const book = await book1904(dir);
    expect(XlsxPackage.open(readFileSync(book)).date1904).toBe(true);
    out = path.join(dir, "aged.xlsx");
    expect((await runCli("refresh", book, "--as-of", AS_OF, "--snapshot", "--out", out)).code).toBe(0);
    // The second refresh reads back the history the first one wrote.
    const again = await runCli("refresh", out, "--as-of", AS_OF, "--snapshot", "--out", out, "--json");
    expect(again.code).toBe(0);
  });

  it("keeps the file in the 1904 system and writes the as-of date as a 1904 serial", async () => {
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<workbookPr[^>]*date1904="(1|true)"/);
    expect(await storedSerial(out, "AR Aging", "B2")).toBe(excelSerialFromDay(dayFromIso(AS_OF)!, true));
    for (const sheet of ["AR Aging", "AR Risk", "AR Data Issues"]) expect({ sheet, asOf: iso((await sheetValues(out, sheet))[1][1]) }).toEqual({ sheet, asOf: AS_OF });
  });

  it("writes the invoice and due dates of the detail on their day, aged from dates read in the 1904 system", async () => {
    const [header, ...rows] = await sheetValues(out, "AR Invoice Detail");
    const at = (name: string) => header.indexOf(name);
    const detail = rows.filter((r) => r[at("Invoice")] === "A-1" || r[at("Invoice")] === "B-7").map((r) => [r[at("Invoice")], iso(r[at("Invoice date")]), iso(r[at("Due date")]), r[at("Days")]]);
    expect(detail).toEqual(
      expect.arrayContaining([
        ["A-1", "2026-02-01", "2026-03-02", 29],
        ["B-7", "2025-12-15", "2026-01-14", 76],
      ]),
    );
  });

  it("keeps one AR History snapshot on the as-of day after two refreshes, and adds the next month beside it", async () => {
    const history = (await sheetValues(out, "AR History")).slice(1).filter((r) => r.length);
    expect(history).toHaveLength(6);
    expect(new Set(history.map((r) => iso(r[0])))).toEqual(new Set([AS_OF]));
    // The kept snapshot keeps when it was saved.
    expect(history.every((r) => typeof r[5] === "string" && r[5] !== "")).toBe(true);

    const later = path.join(dir, "later.xlsx");
    const next = await runCli("refresh", out, "--as-of", "2026-04-30", "--snapshot", "--out", later, "--json");
    expect(next.code).toBe(0);
    expect(JSON.parse(next.stdout).currencies[0].rollRates.snapshots).toBe(2);
    const days = (await sheetValues(later, "AR History")).slice(1).filter((r) => r.length).map((r) => iso(r[0]));
    expect(days).toHaveLength(12);
    expect([...new Set(days)]).toEqual([AS_OF, "2026-04-30"]);
  });

  it("records a reminder's sent date on its day and reads it back as that day", async () => {
    const sender = path.join(dir, "sender.json");
    writeFileSync(sender, JSON.stringify({ company: "Northwind Ltd", name: "Sam Lee", email: "ar@northwind.example" }));
    const drafted = path.join(dir, "drafted.xlsx");
    const first = await runCli("reminders", out, "--as-of", AS_OF, "--sender", sender, "--out", drafted, "--json");
    expect(first.code).toBe(0);
    const acme = JSON.parse(first.stdout).drafts.find((x: { customer: string }) => x.customer === "Acme");
    expect(iso((await sheetValues(drafted, "AR Reminders"))[1][1])).toBe(AS_OF);

    // Someone marks Acme's reminder as sent the day before (as the pane does) and saves the file.
    const opened = await openWorkbook(drafted);
    const port = new XlsxWorkbookPort(opened.workbook);
    await markSent(port, [{ customer: "Acme", level: acme.level, invoices: ["A-1"] }], { by: "Sam Lee", on: dayFromIso("2026-03-30")!, asOf: dayFromIso(AS_OF)! });
    const sent = path.join(dir, "sent.xlsx");
    await saveWorkbookAtomically(opened.workbook, sent, port.charts);
    const sentDate = async (file: string) => {
      const rows = await sheetValues(file, "AR Reminders");
      const header = rows.findIndex((r) => r[0] === "Customer");
      return iso(rows.slice(header).find((r) => r[0] === "Acme")![rows[header].indexOf("Sent date")]);
    };
    expect(await sentDate(sent)).toBe("2026-03-30");

    const second = await runCli("reminders", sent, "--as-of", AS_OF, "--sender", sender, "--out", path.join(dir, "again.xlsx"), "--json");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).skipped).toEqual([expect.objectContaining({ customer: "Acme", code: "already-sent", reason: expect.stringContaining("sent on 2026-03-30") })]);
    expect(await sentDate(path.join(dir, "again.xlsx"))).toBe("2026-03-30");
  });

  it("shows the right as-of date in LibreOffice, an independent spreadsheet engine", () => {
    const sheets = recalculateWithLibreOffice(out, { asShown: true });
    expect(sheets.get("AR Aging")![1][1]).toBe(AS_OF);
    const detail = sheets.get("AR Invoice Detail")!;
    expect(detail.find((r) => r[1] === "A-1")?.slice(3, 5)).toEqual(["2026-02-01", "2026-03-02"]);
  });
});
