import ExcelJS from "exceljs";
import { createHash } from "crypto";
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";

const AS_OF = "2026-03-31";
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** A workbook with one Excel table "Invoices" holding the given rows under the given headers. */
async function writeBook(file: string, headers: string[], rows: unknown[][], extra?: (wb: ExcelJS.Workbook) => void) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ledger");
  sheet.addTable({ name: "Invoices", ref: "A1", headerRow: true, columns: headers.map((name) => ({ name })), rows });
  extra?.(workbook);
  await workbook.xlsx.writeFile(file);
}

const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"];

/** The worksheet row of a customer in the aging table (below the "Customer" header). */
function customerRow(sheet: ExcelJS.Worksheet, customer: string): number {
  let header = 0;
  let found = 0;
  sheet.eachRow((row, number) => {
    if (!header && row.getCell(1).value === "Customer") header = number;
    else if (header && !found && row.getCell(1).value === customer) found = number;
  });
  if (!found) throw new Error(`${customer} is not in the aging table`);
  return found;
}
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("ar-desk refresh", () => {
  it("ages a hand-checked table and prints JSON in currency units", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    await writeBook(book, HEADERS, [
      ["A-1", "Acme", d("2026-03-01"), d("2026-04-10"), 100.1], // not yet due → Current
      ["A-2", "Acme", d("2026-01-01"), d("2026-03-30"), 50.25], // 1 day → 1–30
      ["B-1", "Beta", d("2025-10-01"), d("2025-11-30"), 1000], // 121 days → 120+
      ["B-2", "Beta", d("2026-01-01"), d("2026-01-30"), 0.05], // 60 days → 31–60
      ["C-1", "Gamma", d("2026-04-02"), d("2026-05-02"), 999], // issued after the as-of date → left out
    ]);
    const run = await runCli("refresh", book, "--as-of", AS_OF, "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.asOf).toBe(AS_OF);
    expect(json.invoices).toBe(5);
    expect(json.openInvoices).toBe(4);
    expect(json.customers).toEqual([
      { customer: "Beta", currency: "", buckets: { Current: 0, "1–30": 0, "31–60": 0.05, "61–90": 0, "91–120": 0, "120+": 1000 }, total: 1000.05, credits: 0, disputed: 0 },
      { customer: "Acme", currency: "", buckets: { Current: 100.1, "1–30": 50.25, "31–60": 0, "61–90": 0, "91–120": 0, "120+": 0 }, total: 150.35, credits: 0, disputed: 0 },
    ]);
    expect(json.totals).toEqual({ buckets: { Current: 100.1, "1–30": 50.25, "31–60": 0.05, "61–90": 0, "91–120": 0, "120+": 1000 }, total: 1150.4 });
    expect(json.output).toBe(path.join(dir, "book.ar.xlsx"));
  });

  it("writes the AR Aging sheet into a copy and leaves the input file untouched", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    await writeBook(book, HEADERS, [["A-1", "Acme", d("2026-01-01"), d("2026-02-15"), 10]]);
    const before = sha(book);
    const run = await runCli("refresh", book, "--as-of", AS_OF);
    expect(run.code).toBe(0);
    expect(sha(book)).toBe(before);
    expect(run.stdout).toContain(`Wrote sheets "AR Aging", "AR Invoice Detail", "AR Risk" and "AR Data Issues" to ${path.join(dir, "book.ar.xlsx")}`);

    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, "book.ar.xlsx"));
    const aging = out.getWorksheet("AR Aging")!;
    expect(aging.getCell("A1").value).toBe("AR Aging");
    const row = customerRow(aging, "Acme");
    expect(aging.getCell(row, 4).value).toBe(10); // 44 days past due → 31–60, column D
    expect(aging.getCell(row, 4).numFmt).toContain("#,##0.00");
    expect(Object.keys((aging as unknown as { tables: object }).tables).sort()).toEqual(["ARAging", "ARKeyFigures"]);
    // The user's own table is still there, unchanged.
    expect(out.getWorksheet("Ledger")!.getCell("B2").value).toBe("Acme");
  });

  it("replaces its own sheet on a second refresh but never a user's sheet of that name (it writes AR Aging (2))", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    await writeBook(book, HEADERS, [["A-1", "Acme", d("2026-01-01"), d("2026-02-15"), 10]]);
    const first = path.join(dir, "first.xlsx");
    expect((await runCli("refresh", book, "--as-of", AS_OF, "--out", first)).code).toBe(0);
    const second = await runCli("refresh", first, "--as-of", AS_OF, "--out", first, "--json");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).totals.total).toBe(10);

    const mine = path.join(dir, "mine.xlsx");
    await writeBook(mine, HEADERS, [["A-1", "Acme", d("2026-01-01"), d("2026-02-15"), 10]], (wb) => {
      wb.addWorksheet("AR Aging").getCell("A1").value = "my own notes";
    });
    const beside = await runCli("refresh", mine, "--as-of", AS_OF);
    expect(beside.code).toBe(0);
    expect(beside.stdout).toContain('The sheet "AR Aging" is not AR Desk\'s, so it was left as it is; AR Desk wrote "AR Aging (2)" instead.');
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, "mine.ar.xlsx"));
    expect(out.getWorksheet("AR Aging")!.getCell("A1").value).toBe("my own notes");
    expect(out.getWorksheet("AR Aging (2)")!.getCell("A1").value).toBe("AR Aging");
  });

  it("writes text that looks like a formula as text", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    await writeBook(book, HEADERS, [["A-1", "=HYPERLINK(\"http://x\")", d("2026-01-01"), d("2026-02-15"), 10]]);
    expect((await runCli("refresh", book, "--as-of", AS_OF)).code).toBe(0);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, "book.ar.xlsx"));
    const aging = out.getWorksheet("AR Aging")!;
    const cell = aging.getCell(customerRow(aging, '=HYPERLINK("http://x")'), 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x")');
  });

  it("skips rows whose amount or due date cannot be read, and says which cells", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    await writeBook(book, HEADERS, [
      ["A-1", "Acme", d("2026-01-01"), d("2026-02-15"), 10],
      ["A-2", "Acme", d("2026-01-01"), "soon", 20],
      ["A-3", "Acme", d("2026-01-01"), d("2026-02-15"), "twelve"],
    ]);
    const run = await runCli("refresh", book, "--as-of", AS_OF);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("3 invoices read, 1 open across 1 customers, 2 skipped");
    expect(run.stdout).toContain('Ledger!D3: The due date "soon" is not a date AR Desk can read.');
    expect(run.stdout).toContain('Ledger!E4: The amount "twelve" is not a number.');
  });
});

describe("ar-desk on unusable input", () => {
  it("names a missing file", async () => {
    const run = await runCli("refresh", "/nowhere/book.xlsx");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("ar-desk: File not found: /nowhere/book.xlsx. Check the path and the file name.");
  });

  it("refuses a file that is not a workbook", async () => {
    const file = path.join(tempDir(), "notes.xlsx");
    writeFileSync(file, "Invoice,Customer\n1,Acme\n");
    const run = await runCli("refresh", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file} is not an Excel workbook (.xlsx)`);
  });

  it("refuses a password-protected (encrypted) workbook with what to do", async () => {
    const file = path.join(tempDir(), "locked.xlsx");
    writeFileSync(file, Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)]));
    const run = await runCli("refresh", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("password-protected");
    expect(run.stderr).toContain("remove the password");
  });

  it("refuses a damaged workbook", async () => {
    const file = path.join(tempDir(), "broken.xlsx");
    writeFileSync(file, Buffer.concat([Buffer.from("504b0304", "hex"), Buffer.from("garbage".repeat(40))]));
    const run = await runCli("refresh", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot be read: it may be damaged");
  });

  it("lists the tables and headers it saw when none holds invoices", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    await writeBook(book, ["Name", "Phone"], [["Acme", "555"]]);
    const run = await runCli("refresh", book);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No invoice table found");
    expect(run.stderr).toContain('"Invoices" on sheet "Ledger" (Name, Phone)');
  });

  it("rejects a bad --as-of and an unknown command without a stack trace", async () => {
    const badDate = await runCli("refresh", "x.xlsx", "--as-of", "31/03/2026");
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toBe('ar-desk: --as-of "31/03/2026" is not a date. Write it as YYYY-MM-DD, e.g. --as-of 2026-03-31.');
    const unknown = await runCli("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe("ar-desk sample and demo", () => {
  it("writes a sample the refresh can age, and the demo prints the summary and output path", async () => {
    const dir = tempDir();
    const run = await runCli("demo", "--dir", dir, "--as-of", "2026-11-23");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote a sample workbook with \d+ invoices/);
    expect(run.stdout).toContain(`Wrote sheets "AR Aging", "AR Invoice Detail", "AR Risk" and "AR Data Issues" to ${path.join(dir, "sample.ar.xlsx")}`);
    expect(existsSync(path.join(dir, "sample.ar.xlsx"))).toBe(true);
  });
});

describe("refreshing a workbook AR Desk already refreshed", () => {
  it("does not take its own invoice detail table for an invoice table", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    await writeBook(book, HEADERS, [["A-1", "Acme", d("2026-01-01"), d("2026-02-15"), 10]]);
    const once = path.join(dir, "once.xlsx");
    expect((await runCli("refresh", book, "--as-of", AS_OF, "--out", once)).code).toBe(0);
    const again = await runCli("refresh", once, "--as-of", AS_OF, "--json");
    expect(again.stderr).toBe("");
    expect(JSON.parse(again.stdout).source).toEqual({ table: "Invoices", sheet: "Ledger" });
  });
});

describe("ar-desk refresh --json risk", () => {
  it("lists every customer once (those with open balances among them), ranked, with score, tier, reasons and action", async () => {
    const dir = tempDir();
    const run = await runCli("sample", path.join(dir, "s.xlsx"), "--as-of", "2026-11-23");
    expect(run.code).toBe(0);
    const json = JSON.parse((await runCli("refresh", path.join(dir, "s.xlsx"), "--as-of", "2026-11-23", "--json")).stdout);
    expect(json.risk.map((r: { rank: number }) => r.rank)).toEqual(json.risk.map((_: unknown, i: number) => i + 1));
    const ranked = json.risk.map((r: { customer: string }) => r.customer);
    expect(new Set(ranked).size).toBe(ranked.length);
    for (const c of json.customers) expect(ranked).toContain(c.customer);
    for (const r of json.risk) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(["Low", "Medium", "High", "Critical"]).toContain(r.tier);
      expect(r.action).toEqual(expect.any(String));
      expect(r.reasons.length).toBeLessThanOrEqual(3);
    }
  });
});
