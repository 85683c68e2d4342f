/**
 * Table ids and names in files the .xlsx adapter writes: a new table never takes an id another
 * table part has, wherever that part sits in the package, and AR Desk's own tables keep their id
 * and name from one refresh to the next (a slicer finds its table by id, a pivot table or a
 * formula by name).
 */
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";

jest.setTimeout(60_000);

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function userBook(file: string, configure?: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Ledger").addTable({
    name: "Invoices",
    ref: "A1",
    headerRow: true,
    columns: ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Currency"].map((name) => ({ name })),
    rows: [
      ["A-1", "Acme", d("2026-01-01"), d("2026-02-01"), 10, "EUR"],
      ["B-1", "Beta", d("2026-01-15"), d("2026-03-01"), 20, "USD"],
    ],
  });
  configure?.(workbook);
  await workbook.xlsx.writeFile(file);
}

/** Every table part of a package, found as Excel finds them: by content type and by relationship. */
async function tablesOf(file: string): Promise<{ part: string; id: number; name: string }[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  const parts = [...types.matchAll(/<Override [^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes("spreadsheetml.table+xml"))
    .map((tag) => /PartName="\/?([^"]+)"/.exec(tag)![1]);
  return Promise.all(
    parts.map(async (part) => {
      const xml = await zip.file(part)!.async("string");
      const tag = /<table\b[^>]*>/.exec(xml)![0];
      return { part, id: Number(/\sid="(\d+)"/.exec(tag)![1]), name: /\sname="([^"]+)"/.exec(tag)![1] };
    }),
  );
}

test("AR Desk's tables keep their ids and names from one refresh to the next", async () => {
  const dir = tempDir();
  const book = path.join(dir, "book.xlsx");
  const once = path.join(dir, "once.xlsx");
  const twice = path.join(dir, "twice.xlsx");
  await userBook(book);
  expect((await runCli("refresh", book, "--as-of", "2026-03-31", "--out", once)).code).toBe(0);
  expect((await runCli("refresh", once, "--as-of", "2026-04-30", "--out", twice)).code).toBe(0);
  const byName = (tables: { id: number; name: string }[]) => Object.fromEntries(tables.map((t) => [t.name, t.id]));
  const first = byName(await tablesOf(once));
  const second = byName(await tablesOf(twice));
  expect(Object.keys(first).length).toBeGreaterThan(4);
  expect(second).toEqual(first);
  expect(new Set(Object.values(second)).size).toBe(Object.keys(second).length);
});

test("a table AR Desk renamed around a defined name keeps that name once the defined name is gone", async () => {
  const dir = tempDir();
  const book = path.join(dir, "book.xlsx");
  const once = path.join(dir, "once.xlsx");
  const twice = path.join(dir, "twice.xlsx");
  await userBook(book, (workbook) => {
    workbook.getWorksheet("Ledger")!.getCell("J1").value = 5;
    workbook.definedNames.add("Ledger!$J$1", "ARInvoiceDetail");
  });
  expect((await runCli("refresh", book, "--as-of", "2026-03-31", "--out", once)).code).toBe(0);
  const renamed = (await tablesOf(once)).find((t) => /^ARInvoiceDetail\d+$/i.test(t.name))!;
  expect(renamed).toBeDefined();
  // The user removes the defined name; a formula of theirs may now point at ARInvoiceDetail2.
  const zip = await JSZip.loadAsync(readFileSync(once));
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", workbookXml.replace(/<definedNames>[\s\S]*?<\/definedNames>/, ""));
  writeFileSync(once, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  expect((await runCli("refresh", once, "--as-of", "2026-04-30", "--out", twice)).code).toBe(0);
  const after = (await tablesOf(twice)).find((t) => t.name.toLowerCase().startsWith("arinvoicedetail"))!;
  expect(after).toEqual(expect.objectContaining({ name: renamed.name, id: renamed.id }));
});

test("a table part outside xl/tables/ still holds its id: new tables take others", async () => {
  const dir = tempDir();
  const book = path.join(dir, "book.xlsx");
  await userBook(book);
  // Move the user's table part where another generator might put it, wired by rels and content types.
  const zip = await JSZip.loadAsync(readFileSync(book));
  const relsName = "xl/worksheets/_rels/sheet1.xml.rels";
  const rels = await zip.file(relsName)!.async("string");
  const target = /Target="([^"]*tables\/table1\.xml)"/.exec(rels)![1];
  const original = path.posix.normalize(path.posix.join("xl/worksheets", target));
  const moved = "xl/worksheets/tables/table1.xml";
  zip.file(moved, await zip.file(original)!.async("string"));
  zip.remove(original);
  zip.file(relsName, rels.replace(target, "tables/table1.xml"));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file("[Content_Types].xml", types.replace(`/${original}`, `/${moved}`));
  writeFileSync(book, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const [user] = await tablesOf(book);
  expect(user).toEqual(expect.objectContaining({ part: moved, name: "Invoices" }));

  expect((await runCli("refresh", book, "--as-of", "2026-03-31")).code).toBe(0);
  const tables = await tablesOf(path.join(dir, "book.ar.xlsx"));
  expect(tables.find((t) => t.name === "Invoices")).toEqual(expect.objectContaining({ part: moved, id: user.id }));
  expect(tables.length).toBeGreaterThan(4);
  expect(new Set(tables.map((t) => t.id)).size).toBe(tables.length);
});
