/**
 * The Office.js adapter replacing its own sheets safely, against the fake Excel host (a stand-in
 * for Excel written for tests): staged writes swapped in at the end, cancel between chunks, the
 * cells a user typed kept, and co-authors renaming or deleting sheets between two round trips.
 */
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { ExcelWorkbookPort } from "../../src/excel/excelPort";
import { runRefreshInExcel } from "../../src/excel/runRefresh";
import { REGISTRY_SHEET } from "../../src/workbook/registry";
import type { SheetPlan } from "../../src/workbook/sheetPlan";
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice, type RequestContext } from "../support/fakeExcel";

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const AS_OF = dayFromIso("2026-03-31")!;
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"];
/** Small write chunks, so a few hundred rows take several syncs. */
const SMALL_CHUNKS = { chunkBytes: 4000 };

let fake: FakeExcel;
let office: InstalledOffice;

/** `n` invoices, one customer each, so every AR sheet has n rows. */
const invoices = (n: number, amount = 100) =>
  Array.from({ length: n }, (_, i) => [`INV-${i}`, `Customer ${String(i).padStart(4, "0")}`, serial("2025-09-01"), serial("2026-01-01") + (i % 120), amount + i]);

/** `maxExcelApi` "1.9" gives the adapter Range.copyFrom; the default (1.7) is the manifest's minimum. */
function seed(n = 300, maxExcelApi = "1.7"): void {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake, { maxExcelApi });
  fake.addSheet("Notes", [["My notes"]]);
  fake.addTable("Data", "Invoices", "A1", [HEADERS, ...invoices(n)]);
}

afterEach(() => {
  fake?.beforeSync(null);
  office?.uninstall();
});

/** A grid without its trailing blank rows and columns (cleared cells still widen the fake's used range). */
function trimmed<T>(grid: T[][]): T[][] {
  const blank = (v: T) => v === "" || v === null;
  /** 1 + index of the last item that passes, 0 when none does. */
  const end = <U>(list: U[], keep: (item: U) => boolean) => list.reduce((last, item, i) => (keep(item) ? i + 1 : last), 0);
  const rows = grid.slice(0, end(grid, (r) => !r.every(blank)));
  const width = Math.max(0, ...rows.map((r) => end(r, (v) => !blank(v))));
  return rows.map((r) => r.slice(0, width));
}

/** Everything a user could see of the workbook: sheets in order with ids and visibility, every sheet's values and formulas, the tables. */
function workbookState() {
  return {
    sheets: fake.listSheets(),
    values: Object.fromEntries(fake.listSheets().map((s) => [s.name, trimmed(fake.getSheetValues(s.name))])),
    formulas: Object.fromEntries(fake.listSheets().map((s) => [s.name, trimmed(fake.getFormulas(s.name))])),
    tables: fake.listTables(),
  };
}

/** The hidden sheet a replacement is being written into, if any. */
const stagingSheet = () => fake.listSheets().find((s) => / \(new( \d+)?\)$/.test(s.name));

describe("replacing a sheet in chunks", () => {
  it("writes into a hidden staging sheet and swaps it in only in the sheet's last sync", async () => {
    seed();
    await runRefreshInExcel({ asOf: AS_OF });
    const before = fake.listSheets();
    const seen: { staging: string | undefined; visibility: string | undefined; old: boolean }[] = [];
    await runRefreshInExcel(
      {
        asOf: AS_OF + 30,
        onProgress: (p) => {
          if (p.write && p.write.done < p.write.total) {
            const staging = stagingSheet();
            seen.push({ staging: staging?.name, visibility: staging?.visibility, old: fake.listSheets().some((s) => s.name === "AR Aging") });
          }
        },
      },
      SMALL_CHUNKS,
    );
    expect(seen.length).toBeGreaterThan(2);
    // Between chunks: the old sheet is still there and the new one is hidden under a staging name.
    expect(seen.every((s) => s.staging !== undefined && s.visibility === "Hidden" && s.old)).toBe(true);
    expect(stagingSheet()).toBeUndefined();
    const after = fake.listSheets();
    // Same tab order, names and visibility; new sheets (new ids) where ours were.
    expect(after.map((s) => [s.name, s.visibility])).toEqual(before.map((s) => [s.name, s.visibility]));
    const aging = after.find((s) => s.name === "AR Aging")!;
    expect(aging.id).not.toBe(before.find((s) => s.name === "AR Aging")!.id);
    // With the names of the tables on it, which tell it from a user's sheet where there are no ids (files).
    const tables = fake.listTables().filter((t) => t.sheet === "AR Aging").map((t) => t.name).join(",");
    expect(fake.getSheetValues(REGISTRY_SHEET).slice(1).find((r) => r[0] === "AR Aging")).toEqual(["AR Aging", "aging", aging.id, tables]);
    expect(fake.getSheetValues(REGISTRY_SHEET).slice(1).some((r) => r[1] === "staging")).toBe(false);
  });

  it("stops at the next chunk when cancelled, leaving every sheet exactly as it was", async () => {
    seed();
    await runRefreshInExcel({ asOf: AS_OF });
    const before = workbookState();
    const controller = new AbortController();
    const run = runRefreshInExcel(
      {
        asOf: AS_OF + 30,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.write && p.write.done === 2 && p.write.total > 3) controller.abort();
        },
      },
      { ...SMALL_CHUNKS, signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ code: "CANCELLED", message: "Cancelled; your sheets are as they were." });
    expect(controller.signal.aborted).toBe(true);
    expect(workbookState()).toEqual(before);
  });

  it("cancelled before the first chunk of a new sheet, leaves no sheet behind", async () => {
    seed(5);
    const before = fake.listSheets();
    const controller = new AbortController();
    controller.abort();
    const plan: SheetPlan = { name: "AR Aging", kind: "aging", blocks: [{ at: "A1", values: [["x"]] }], tables: [] };
    const write = fake.Excel.run((context: RequestContext) => new ExcelWorkbookPort(context as unknown as Excel.RequestContext, { signal: controller.signal }).writeSheet(plan));
    await expect(write).rejects.toMatchObject({ code: "CANCELLED" });
    expect(fake.listSheets()).toEqual(before);
  });

  it("removes a new sheet that failed in its last sync (a co-author took its table's name) and writes it on the next refresh", async () => {
    seed(5);
    const before = fake.listSheets();
    // After the listing, a co-author makes a table with the name AR Desk's aging table will want.
    fake.beforeSync((n) => n === 2 && fake.addTable("Notes", "ARAging", "C1", [["Mine"], [1]]));
    await expect(runRefreshInExcel({ asOf: AS_OF })).rejects.toMatchObject({ code: "WRITE_FAILED", message: expect.stringContaining('"AR Aging"') });
    fake.beforeSync(null);
    // The detail sheet, written whole before the aging sheet, stays; the failed aging sheet is gone.
    expect(fake.listSheets().filter((s) => s.name !== REGISTRY_SHEET && s.name !== "AR Invoice Detail")).toEqual(before);
    const result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.sheet).toBe("AR Aging");
    expect(fake.getTable("ARAging")!.sheet).toBe("Notes");
    expect(fake.listTables().filter((t) => t.sheet === "AR Aging").map((t) => t.name)).toContain("ARAging2");
  });

  it("cleans up a staging sheet left by an interrupted run on the next refresh", async () => {
    seed();
    await runRefreshInExcel({ asOf: AS_OF });
    // The connection drops after the first write sync: nothing can be cleaned up in that run.
    fake.resetStats();
    let writes = 0;
    fake.beforeSync(() => {
      if (fake.stats.syncs.some((s) => s.suspendedCalculation) && ++writes > 1) throw new Error("connection lost");
    });
    await expect(runRefreshInExcel({ asOf: AS_OF + 30 }, SMALL_CHUNKS)).rejects.toThrow();
    fake.beforeSync(null);
    const left = stagingSheet();
    expect(left).toBeDefined();
    // Registered as ours, so it is never read as the user's invoices.
    expect(fake.getSheetValues(REGISTRY_SHEET).slice(1).some((r) => r[0] === left!.name && r[1] === "staging")).toBe(true);
    const result = await runRefreshInExcel({ asOf: AS_OF + 30 });
    expect(result.source.table).toBe("Invoices");
    expect(stagingSheet()).toBeUndefined();
    expect(fake.listSheets().filter((s) => s.name.startsWith("AR Aging")).map((s) => s.name)).toEqual(["AR Aging"]);
  });

  it("leaves a staging leftover the user has unhid (and perhaps typed into) to them", async () => {
    seed();
    await runRefreshInExcel({ asOf: AS_OF });
    let writes = 0;
    fake.resetStats();
    fake.beforeSync(() => {
      if (fake.stats.syncs.some((s) => s.suspendedCalculation) && ++writes > 1) throw new Error("connection lost");
    });
    await expect(runRefreshInExcel({ asOf: AS_OF + 30 }, SMALL_CHUNKS)).rejects.toThrow();
    fake.beforeSync(null);
    const left = stagingSheet()!.name;
    fake.setVisibility(left, "Visible");
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem(left).getRange("H1").values = [["my note"]];
      await context.sync();
    });
    await runRefreshInExcel({ asOf: AS_OF + 30 });
    expect(fake.listSheets().find((s) => s.name === left)?.visibility).toBe("Visible");
    expect(fake.getSheetValues(left)[0][7]).toBe("my note");
    // It is no longer taken for ours.
    expect(fake.getSheetValues(REGISTRY_SHEET).slice(1).some((r) => r[0] === left)).toBe(false);
  });
});

describe("cells the user types into (PlanBlock.preserve)", () => {
  /** The ledger balance cell of the tie-out: right of "Ledger balance (type it)", in the total column. */
  function ledgerCell(): { address: string; differenceAddress: string } {
    const values = fake.getSheetValues("AR Aging");
    const row = values.findIndex((r) => r[0] === "Ledger balance (type it)") + 1;
    const header = values.findIndex((r) => r[0] === "Customer");
    const totalColumn = values[header].indexOf("Total") + 1;
    const letter = String.fromCharCode(64 + totalColumn);
    return { address: `${letter}${row}`, differenceAddress: `${letter}${row + 1}` };
  }

  async function typeInto(address: string, value: number | string): Promise<void> {
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem("AR Aging").getRange(address).values = [[value]];
      await context.sync();
    });
  }

  it("keeps a typed ledger balance across a refresh, and the difference formula still points at it", async () => {
    seed(5);
    await runRefreshInExcel({ asOf: AS_OF });
    const { address, differenceAddress } = ledgerCell();
    expect(fake.getCell("AR Aging", address).value).toBe("");
    await typeInto(address, 1234.56);
    await runRefreshInExcel({ asOf: AS_OF });
    expect(ledgerCell().address).toBe(address);
    expect(fake.getCell("AR Aging", address).value).toBe(1234.56);
    expect(fake.getCell("AR Aging", differenceAddress).formula).toMatch(new RegExp(`^=IF\\(ISNUMBER\\(${address}\\),ROUND\\(`));
  });

  it("keeps a ledger balance typed as a formula, and costs one extra sync only for that sheet", async () => {
    seed(5);
    await runRefreshInExcel({ asOf: AS_OF });
    const { address } = ledgerCell();
    await typeInto(address, "=1000+234.56");
    fake.resetStats();
    await runRefreshInExcel({ asOf: AS_OF });
    expect(fake.getCell("AR Aging", address).formula).toBe("=1000+234.56");
    // Four sheets, the aging one in two syncs (read the typed cells, then write and swap).
    expect(fake.stats.suspendedCalculationSyncs).toBe(5);
  });

  it("copies them inside Excel in the swap where Range.copyFrom exists (ExcelApi 1.9): no extra sync", async () => {
    seed(5, "1.9");
    await runRefreshInExcel({ asOf: AS_OF });
    const { address, differenceAddress } = ledgerCell();
    await typeInto(address, "=1000+234.56");
    fake.resetStats();
    await runRefreshInExcel({ asOf: AS_OF });
    expect(fake.getCell("AR Aging", address).formula).toBe("=1000+234.56");
    expect(fake.getCell("AR Aging", differenceAddress).formula).toMatch(new RegExp(`^=IF\\(ISNUMBER\\(${address}\\)`));
    expect(fake.stats.suspendedCalculationSyncs).toBe(4); // one sync per sheet
  });

  it("keeps it when the aging sheet is written in several chunks", async () => {
    seed(300);
    await runRefreshInExcel({ asOf: AS_OF });
    const { address } = ledgerCell();
    await typeInto(address, 777);
    await runRefreshInExcel({ asOf: AS_OF }, SMALL_CHUNKS);
    expect(fake.getCell("AR Aging", address).value).toBe(777);
  });
});

describe("co-authors changing the workbook mid-operation", () => {
  /** Reads take several syncs: listing's second sync brings the first rows, the rest follow. */
  const SMALL_READS = { readBytes: 3000 };

  it("stops with a message naming the sheet when the invoice table's sheet is renamed between listing and reading", async () => {
    seed(200);
    const before = fake.listSheets().map((s) => s.name);
    // Syncs 1 and 2 list the tables (with the table's first rows); the rest of the read follows.
    fake.beforeSync((n) => n === 3 && fake.renameSheet("Data", "Data (March)"));
    const run = runRefreshInExcel({ asOf: AS_OF }, SMALL_READS);
    await expect(run).rejects.toMatchObject({
      code: "TABLE_NOT_FOUND",
      message: 'The sheet "Data" with the table "Invoices" was renamed or deleted while AR Desk was reading it, so nothing was written.',
      hint: "Run AR Desk again: it will look for the table where it is now.",
    });
    expect(fake.listSheets().map((s) => s.name)).toEqual(before.map((n) => (n === "Data" ? "Data (March)" : n)));
  });

  it("reads a small table in the listing's second sync, under the name its sheet has then", async () => {
    seed(5);
    fake.beforeSync((n) => n === 2 && fake.renameSheet("Data", "Data (March)"));
    const result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.source).toEqual({ table: "Invoices", sheet: "Data (March)" });
    expect(result.invoicesRead).toBe(5);
  });

  it("stops the same way when that sheet is deleted", async () => {
    seed(200);
    fake.beforeSync((n) => n === 3 && fake.deleteSheet("Data"));
    await expect(runRefreshInExcel({ asOf: AS_OF }, SMALL_READS)).rejects.toMatchObject({ code: "TABLE_NOT_FOUND", message: expect.stringContaining('The sheet "Data"') });
    expect(fake.listSheets().map((s) => s.name)).toEqual(["Notes"]);
  });

  it("stops when a sheet with a plain-range table is renamed between listing and reading", async () => {
    fake = createFakeExcel();
    office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
    fake.addSheet("Export", [["AR export"], [], HEADERS, ...invoices(5)]);
    fake.beforeSync((n) => n === 3 && fake.renameSheet("Export", "Export old"));
    await expect(runRefreshInExcel({ asOf: AS_OF })).rejects.toMatchObject({ code: "TABLE_NOT_FOUND", message: expect.stringContaining('The sheet "Export"') });
  });

  /** While the sheet is half written (a staging sheet exists), the co-author acts on the sheet it replaces. */
  async function refreshWhile(coAuthor: (sheet: string) => void) {
    let acted: string | undefined;
    const run = runRefreshInExcel(
      {
        asOf: AS_OF + 30,
        onProgress: (p) => {
          const staging = stagingSheet();
          // The aging sheet: the detail before it is already swapped in whole.
          if (!acted && p.write && staging?.name.startsWith("AR Aging")) {
            acted = staging.name.replace(/ \(new( \d+)?\)$/, "");
            coAuthor(acted);
          }
        },
      },
      SMALL_CHUNKS,
    );
    return { run, sheet: () => acted };
  }

  it("stops with a clear message when a co-author deletes the AR sheet being replaced; nothing half written", async () => {
    seed();
    await runRefreshInExcel({ asOf: AS_OF });
    const data = { values: fake.getSheetValues("Data"), table: fake.getTable("Invoices") };
    const { run, sheet } = await refreshWhile((name) => fake.deleteSheet(name));
    await expect(run).rejects.toMatchObject({ code: "WRITE_FAILED", hint: "Run the refresh again." });
    await expect(run).rejects.toThrow(`The sheet "${sheet()}" was renamed or deleted by someone else while AR Desk was replacing it`);
    expect(stagingSheet()).toBeUndefined();
    // Their delete stands: AR Desk did not put a half-written sheet in its place.
    expect(fake.listSheets().some((s) => s.name === sheet())).toBe(false);
    expect(fake.getSheetValues("Data")).toEqual(data.values);
    expect(fake.getTable("Invoices")).toEqual(data.table);
  });

  it("stops when a co-author renames the AR sheet being replaced, and leaves their renamed copy as it was", async () => {
    seed();
    await runRefreshInExcel({ asOf: AS_OF });
    const { run, sheet } = await refreshWhile((name) => fake.renameSheet(name, "Kept by Ann"));
    await expect(run).rejects.toMatchObject({ code: "WRITE_FAILED", message: expect.stringContaining("renamed or deleted by someone else") });
    expect(sheet()).toBe("AR Aging");
    expect(stagingSheet()).toBeUndefined();
    expect(fake.getSheetValues("Kept by Ann")[1].slice(0, 2)).toEqual(["As of", serial("2026-03-31")]);
    expect(fake.listSheets().some((s) => s.name === "AR Aging")).toBe(false);
  });

  it("leaves alone a sheet a co-author made, after the listing, with the name of a sheet AR Desk was about to create", async () => {
    seed(5);
    fake.beforeSync((n) => n === 2 && fake.addSheet("AR Aging", [["Ann's numbers", 42]]));
    await expect(runRefreshInExcel({ asOf: AS_OF })).rejects.toMatchObject({
      code: "WRITE_FAILED",
      message: 'Someone else made a sheet named "AR Aging" while AR Desk was writing one; AR Desk stopped and left theirs alone.',
    });
    expect(fake.getSheetValues("AR Aging")).toEqual([["Ann's numbers", 42]]);
    // The detail sheet was written whole before AR Desk reached the aging sheet.
    expect(fake.listSheets().map((s) => s.name)).toEqual(["Notes", "Data", "AR Aging", REGISTRY_SHEET, "AR Invoice Detail"]);
  });

  it("never deletes a co-author's own sheet made with our sheet's name after ours was deleted (snapshot checked at the swap)", async () => {
    seed(5);
    await runRefreshInExcel({ asOf: AS_OF });
    // Between listing and writing, a co-author deletes our AR Aging and makes their own of that name.
    fake.resetStats();
    fake.beforeSync((n) => {
      if (n !== 2) return;
      fake.deleteSheet("AR Aging");
      fake.addSheet("AR Aging", [["Ann's numbers", 42]]);
    });
    await expect(runRefreshInExcel({ asOf: AS_OF })).rejects.toMatchObject({ code: "WRITE_FAILED", message: expect.stringContaining('The sheet "AR Aging"') });
    expect(fake.getSheetValues("AR Aging")).toEqual([["Ann's numbers", 42]]);
    expect(stagingSheet()).toBeUndefined();
  });
});
