/**
 * Telling AR Desk's sheets from the user's in a file, which has no sheet ids: a sheet the user
 * makes under one of our names after deleting ours is never taken for ours and overwritten,
 * while our own sheet is still recognised after another program saved the file (which may
 * renumber sheet ids, part names and relationship ids).
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { dayFromIso } from "../../src/core/parse/dates";
import { refreshAging } from "../../src/workbook/refreshAging";
import { parseRegistry, REGISTRY_SHEET } from "../../src/workbook/registry";
import { ExcelJsWorkbookPort } from "../../src/xlsx/xlsxPort";
import { runCli, tempDir } from "../support/cliRunner";
import { addSmallLedger, readWorkbook, utcDay } from "../support/ledgerWorkbook";

jest.setTimeout(60_000);

const MINE = "my own aging, not AR Desk's";

/** What a user does in Excel: deletes our "AR Aging" and makes a sheet of theirs with that name. Saved by another program. */
async function replaceOurAgingWithTheirs(from: string, to: string): Promise<void> {
  const workbook = await readWorkbook(from);
  workbook.removeWorksheet(workbook.getWorksheet("AR Aging")!.id);
  workbook.addWorksheet("AR Aging").getCell("A1").value = MINE;
  await workbook.xlsx.writeFile(to);
}

describe("on a file refreshed by the command line", () => {
  it("a sheet the user made under our name after deleting ours is left alone; ours goes to 'AR Aging (2)', then stays there", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    const once = path.join(dir, "once.xlsx");
    const edited = path.join(dir, "edited.xlsx");
    const twice = path.join(dir, "twice.xlsx");
    const thrice = path.join(dir, "thrice.xlsx");
    const workbook = new ExcelJS.Workbook();
    addSmallLedger(workbook);
    await workbook.xlsx.writeFile(book);
    expect((await runCli("refresh", book, "--as-of", "2026-03-31", "--out", once)).code).toBe(0);
    await replaceOurAgingWithTheirs(once, edited);

    const run = await runCli("refresh", edited, "--as-of", "2026-03-31", "--out", twice);
    expect(run.code).toBe(0);
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/AR Aging \(2\)/);
    const after = await readWorkbook(twice);
    const theirs = after.getWorksheet("AR Aging")!;
    expect(theirs.getCell("A1").value).toBe(MINE);
    expect(theirs.actualRowCount).toBe(1);
    expect(after.getWorksheet("AR Aging (2)")!.getCell("A1").value).toBe("AR Aging");

    // The next refresh writes to "AR Aging (2)" again, and still not to theirs.
    expect((await runCli("refresh", twice, "--as-of", "2026-04-30", "--out", thrice)).code).toBe(0);
    const later = await readWorkbook(thrice);
    expect(later.getWorksheet("AR Aging")!.getCell("A1").value).toBe(MINE);
    expect(later.worksheets.map((s) => s.name).filter((n) => n.startsWith("AR Aging"))).toEqual(["AR Aging", "AR Aging (2)"]);
    const registry = parseRegistry(sheetRows(later.getWorksheet(REGISTRY_SHEET)!));
    expect(registry.find((e) => e.kind === "aging")).toEqual(expect.objectContaining({ sheet: "AR Aging (2)" }));
    expect(registry.some((e) => e.sheet === "AR Aging")).toBe(false);
  });

  it("our own sheet, saved again by another program, is still ours: replaced, no '(2)'", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    const once = path.join(dir, "once.xlsx");
    const resaved = path.join(dir, "resaved.xlsx");
    const twice = path.join(dir, "twice.xlsx");
    const workbook = new ExcelJS.Workbook();
    addSmallLedger(workbook);
    await workbook.xlsx.writeFile(book);
    expect((await runCli("refresh", book, "--as-of", "2026-03-31", "--out", once)).code).toBe(0);
    // Another program reorders the tabs and saves: part names and relationship ids change.
    const other = await readWorkbook(once);
    const first = other.worksheets[0];
    (first as unknown as { orderNo: number }).orderNo = other.worksheets.length + 1;
    await other.xlsx.writeFile(resaved);

    const run = await runCli("refresh", resaved, "--as-of", "2026-04-30", "--out", twice);
    expect(run.code).toBe(0);
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/\(2\)/);
    const after = await readWorkbook(twice);
    expect(after.worksheets.map((s) => s.name).filter((n) => n.startsWith("AR "))).not.toContain("AR Aging (2)");
    expect(after.getWorksheet("AR Aging")!.getCell("B2").value).toEqual(utcDay("2026-04-30"));
  });
});

describe("the ExcelJS adapter", () => {
  it("leaves a user's sheet made under our name alone as well", async () => {
    const workbook = new ExcelJS.Workbook();
    addSmallLedger(workbook);
    const port = new ExcelJsWorkbookPort(workbook);
    const asOf = dayFromIso("2026-03-31")!;
    await refreshAging(port, { asOf, now: new Date("2026-03-31T09:00:00Z") });
    workbook.removeWorksheet(workbook.getWorksheet("AR Aging")!.id);
    workbook.addWorksheet("AR Aging").getCell("A1").value = MINE;

    const again = new ExcelJsWorkbookPort(workbook);
    await refreshAging(again, { asOf, now: new Date("2026-03-31T09:00:00Z") });
    expect(workbook.getWorksheet("AR Aging")!.getCell("A1").value).toBe(MINE);
    expect(workbook.getWorksheet("AR Aging (2)")!.getCell("A1").value).toBe("AR Aging");
  });
});

function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
