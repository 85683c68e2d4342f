/**
 * The fake Excel host (a stand-in for Excel written for tests) must enforce Excel's rules, or
 * tests of the adapter against it prove nothing. These tests check the fake itself.
 */
import { createFakeExcel, FIVE_MB, installFakeOffice, type FakeExcel } from "./fakeExcel";
import type { RequestContext } from "./fakeExcel";

function seeded(): FakeExcel {
  const fake = createFakeExcel();
  fake.addSheet("Data", [["a", 1], ["b", 2]]);
  return fake;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe("fake Excel host: proxies", () => {
  it("throws PropertyNotLoaded for a property that was not loaded, or loaded but not synced", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      const sheet = context.workbook.worksheets.getItem("Data");
      expect(() => sheet.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded", name: "RichApi.Error" }));
      sheet.load("name");
      expect(() => sheet.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(sheet.name).toBe("Data");
      expect(() => sheet.id).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      const items = context.workbook.worksheets;
      expect(() => items.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("knows isNullObject only after a sync", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const there = context.workbook.worksheets.getItemOrNullObject("Data");
      const used = missing.getUsedRangeOrNullObject(true).load("values");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
      expect(() => missing.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("fails the sync when getItem names a missing sheet", async () => {
    const fake = seeded();
    const code = await codeOf(
      fake.Excel.run(async (context: RequestContext) => {
        context.workbook.worksheets.getItem("Nope").load("name");
        await context.sync();
      }),
    );
    expect(code).toBe("ItemNotFound");
  });

  it("applies queued writes only on sync, and loads see the state at their place in the batch", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      const range = context.workbook.worksheets.getItem("Data").getRange("A1:B1");
      range.values = [["x", 10]];
      const after = context.workbook.worksheets.getItem("Data").getRange("A1:B1").load("values");
      expect(fake.getSheetValues("Data")[0]).toEqual(["a", 1]);
      await context.sync();
      expect(fake.getSheetValues("Data")[0]).toEqual(["x", 10]);
      expect(after.values).toEqual([["x", 10]]);
    });
  });

  it("sends what is still queued when the batch returns (like Excel.run)", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem("Data").getRange("A1").values = [["late"]];
    });
    expect(fake.getSheetValues("Data")[0][0]).toBe("late");
    expect(fake.stats.syncCount).toBe(1);
  });

  it("tells the workbook's date system through Workbook.use1904DateSystem only where the library has it", async () => {
    const withApi = createFakeExcel({ date1904: true, use1904DateSystem: true });
    await withApi.Excel.run(async (context: RequestContext) => {
      const workbook = context.workbook as unknown as { use1904DateSystem: boolean; load(p: string): unknown };
      expect("use1904DateSystem" in workbook).toBe(true);
      expect(() => workbook.use1904DateSystem).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      workbook.load("use1904DateSystem");
      await context.sync();
      expect(workbook.use1904DateSystem).toBe(true);
    });
    // A library without the preview API: no property, and loading it fails the sync.
    const without = createFakeExcel({ date1904: true });
    const code = await codeOf(
      without.Excel.run(async (context: RequestContext) => {
        expect("use1904DateSystem" in context.workbook).toBe(false);
        context.workbook.load("use1904DateSystem");
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
  });

  it("refuses proxies after their Excel.run ended", async () => {
    const fake = seeded();
    let leaked: RequestContext | undefined;
    await fake.Excel.run(async (context: RequestContext) => {
      leaked = context;
    });
    await expect(leaked!.sync()).rejects.toMatchObject({ code: "InvalidRequestContext" });
  });
});

describe("fake Excel host: values", () => {
  async function write(fake: FakeExcel, values: unknown[][]): Promise<void> {
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem("Data").getRange(`A1:A${values.length}`).values = values;
      await context.sync();
    });
  }

  it("turns text starting with = into a formula, and keeps apostrophe text literal", async () => {
    const fake = seeded();
    await write(fake, [["=HYPERLINK(\"x\")"], ["'=HYPERLINK(\"x\")"], ["'+1"], ["+A1"], ["-B2"], ["@SUM(A1)"], ["'0042"], ["plain"]]);
    expect(fake.getCell("Data", "A1").formula).toBe('=HYPERLINK("x")');
    expect(fake.getCell("Data", "A2")).toMatchObject({ formula: null, value: '=HYPERLINK("x")', textPrefix: true });
    expect(fake.getCell("Data", "A3")).toMatchObject({ formula: null, value: "+1" });
    expect(fake.getCell("Data", "A4").formula).toBe("=+A1");
    expect(fake.getCell("Data", "A5").formula).toBe("=-B2");
    expect(fake.getCell("Data", "A6").formula).toBe("=SUM(A1)");
    expect(fake.getCell("Data", "A7").value).toBe("0042");
    expect(fake.getCell("Data", "A8")).toMatchObject({ formula: null, value: "plain", textPrefix: false });
  });

  it("parses number-like and boolean-like text as Excel does, keeps numbers numbers, skips null", async () => {
    const fake = seeded();
    await write(fake, [[null], ["0042"], ["+1"], ["TRUE"], [12.5]]);
    const values = fake.getSheetValues("Data").map((r) => r[0]);
    expect(values).toEqual(["a", 42, 1, true, 12.5]);
  });

  it("rejects Date objects like Excel's InvalidArgument (dates are serial numbers)", async () => {
    const fake = seeded();
    const code = await codeOf(write(fake, [[new Date(Date.UTC(2026, 0, 1))]]));
    expect(code).toBe("InvalidArgument");
    expect(fake.getSheetValues("Data")[0][0]).toBe("a");
  });

  it("rejects an array whose size does not match the range", async () => {
    const fake = seeded();
    const code = await codeOf(
      fake.Excel.run(async (context: RequestContext) => {
        context.workbook.worksheets.getItem("Data").getRange("A1:B2").values = [["only one"]];
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
  });

  it("applies one number format to a whole range (single input copy) or per cell", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      const sheet = context.workbook.worksheets.getItem("Data");
      sheet.getRange("B1:B2").numberFormat = "0.00" as unknown as string[][];
      sheet.getRange("A1:A2").numberFormat = [["@"], [null]];
      await context.sync();
    });
    expect(fake.getNumberFormats("Data")).toEqual([["@", "0.00"], ["General", "0.00"]]);
  });
});

describe("fake Excel host: request limits and statistics", () => {
  it("counts syncs and measures each request in UTF-8 bytes of its JSON", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem("Data").getRange("A1").values = [["é"]];
      await context.sync();
      await context.sync();
    });
    expect(fake.stats.syncCount).toBe(2);
    expect(fake.stats.syncs[0].requestBytes).toBeGreaterThan(20);
    expect(fake.stats.syncs[1].operations).toBe(0);
    expect(fake.stats.totalRequestBytes).toBe(fake.stats.syncs[0].requestBytes + fake.stats.syncs[1].requestBytes);
    fake.resetStats();
    expect(fake.stats.syncCount).toBe(0);
  });

  it("rejects a request over 5 MB with RequestPayloadSizeLimitExceeded and applies nothing of it", async () => {
    const fake = seeded();
    const big = Array.from({ length: 60_000 }, (_, i) => [`customer ${i} ${"x".repeat(80)}`]);
    let created: { isNullObject: boolean } | undefined;
    const code = await codeOf(
      fake.Excel.run(async (context: RequestContext) => {
        const sheet = context.workbook.worksheets.getItem("Data");
        sheet.getRange("A1").values = [["small write before"]];
        created = context.workbook.worksheets.add("New");
        sheet.getRange(`C1:C${big.length}`).values = big;
        await context.sync();
      }),
    );
    expect(code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.stats.largestRequestBytes).toBeGreaterThan(FIVE_MB);
    expect(fake.stats.rejectedSyncs).toBe(1);
    expect(fake.getSheetValues("Data")[0][0]).toBe("a");
    expect(fake.listSheets().map((s) => s.name)).toEqual(["Data"]);
    expect(() => created!.isNullObject).toThrow();
  });

  it("accepts the same data in chunks under the limit", async () => {
    const fake = seeded();
    const big = Array.from({ length: 60_000 }, (_, i) => [`customer ${i} ${"x".repeat(80)}`]);
    await fake.Excel.run(async (context: RequestContext) => {
      const sheet = context.workbook.worksheets.getItem("Data");
      for (const start of [0, 30_000]) {
        sheet.getRange(`C${start + 1}:C${start + 30_000}`).values = big.slice(start, start + 30_000);
        await context.sync();
      }
    });
    expect(fake.stats.syncCount).toBe(2);
    expect(fake.stats.largestRequestBytes).toBeLessThan(FIVE_MB);
    expect(fake.getSheetValues("Data")[59_999][2]).toBe(big[59_999][0]);
  });

  it("records which syncs suspended calculation", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      await context.sync();
      await context.sync();
    });
    expect(fake.stats.suspendedCalculationSyncs).toBe(1);
    expect(fake.stats.syncs.map((s) => s.suspendedCalculation)).toEqual([true, false]);
  });
});

describe("fake Excel host: sheets, tables, selection", () => {
  it("keeps sheet names unique and the last visible sheet undeletable", async () => {
    const fake = seeded();
    expect(
      await codeOf(
        fake.Excel.run(async (context: RequestContext) => {
          context.workbook.worksheets.add("data");
          await context.sync();
        }),
      ),
    ).toBe("ItemAlreadyExists");
    expect(
      await codeOf(
        fake.Excel.run(async (context: RequestContext) => {
          context.workbook.worksheets.getItem("Data").delete();
          await context.sync();
        }),
      ),
    ).toBe("InvalidOperation");
  });

  it("creates tables over a range that includes the header, with a totals row below the body", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      const sheet = context.workbook.worksheets.add("Out");
      sheet.getRange("B2:C4").values = [["Name", "Amount"], ["a", 1.25], ["b", 2.5]];
      const table = sheet.tables.add("B2:C4", true);
      table.name = "Sales";
      table.showTotals = true;
      table.style = "TableStyleLight9";
      const header = table.getHeaderRowRange().load("address,values");
      const body = table.getDataBodyRange().load("address");
      const totals = table.getTotalRowRange().load("address,values,formulas");
      const total = table.columns.getItemAt(1).getTotalRowRange().load("address");
      const all = context.workbook.tables.load("items/name,items/worksheet/name");
      await context.sync();
      expect(header.address).toBe("Out!B2:C2");
      expect(header.values).toEqual([["Name", "Amount"]]);
      expect(body.address).toBe("Out!B3:C4");
      expect(totals.address).toBe("Out!B5:C5");
      expect(totals.values).toEqual([["Total", 3.75]]);
      expect(totals.formulas).toEqual([["Total", "=SUBTOTAL(109,[Amount])"]]);
      expect(total.address).toBe("Out!C5");
      expect(all.items.map((t) => `${t.name}@${t.worksheet.name}`)).toEqual(["Sales@Out"]);
    });
    expect(fake.getTable("Sales")).toMatchObject({ address: "B2:C5", bodyAddress: "B3:C4", totalsAddress: "B5:C5", showTotals: true, style: "TableStyleLight9", rowCount: 2 });
  });

  it("refuses table names that read as cell references (Excel does too)", async () => {
    const fake = seeded();
    const code = await codeOf(
      fake.Excel.run(async (context: RequestContext) => {
        context.workbook.worksheets.getItem("Data").tables.add("E1:E2", true).name = "Out1";
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
  });

  it("refuses a taken table name and overlapping tables", async () => {
    const fake = seeded();
    fake.addTable("Data", "Invoices", "E1", [["Invoice #", "Amount"], ["A-1", 5]]);
    const taken = await codeOf(
      fake.Excel.run(async (context: RequestContext) => {
        const t = context.workbook.worksheets.getItem("Data").tables.add("H1:I2", true);
        t.name = "invoices";
        await context.sync();
      }),
    );
    expect(taken).toBe("InvalidArgument");
    const overlap = await codeOf(
      fake.Excel.run(async (context: RequestContext) => {
        context.workbook.worksheets.getItem("Data").tables.add("F1:G2", true);
        await context.sync();
      }),
    );
    expect(overlap).toBe("InvalidOperation");
  });

  it("refuses a table name that a defined name has, workbook- or sheet-scoped, whatever the case", async () => {
    const fake = seeded();
    fake.addSheet("Notes", [["rate", 0.2]]);
    fake.addName("Rate", "=Notes!$B$1");
    fake.addName("LocalRate", "=Notes!$B$1", "Notes");
    for (const [name, at] of [["rate", "E1:E2"], ["LOCALRATE", "G1:G2"]]) {
      const code = await codeOf(
        fake.Excel.run(async (context: RequestContext) => {
          context.workbook.worksheets.getItem("Data").tables.add(at, true).name = name;
          await context.sync();
        }),
      );
      expect(code).toBe("InvalidArgument");
    }
    expect(fake.listTables().map((t) => t.name.toLowerCase())).not.toEqual(expect.arrayContaining(["rate"]));
    // A default name steps over a defined one too.
    const other = seeded();
    other.addName("Table1", "=1");
    await other.Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem("Data").tables.add("H1:H2", true);
      await context.sync();
    });
    expect(other.listTables().map((t) => t.name)).toEqual(["Table2"]);
  });

  it("lists names by scope, refuses a name a table has, and drops a sheet's names with it", async () => {
    const fake = seeded();
    fake.addSheet("Notes", [["x"]]);
    fake.addTable("Data", "Invoices", "E1", [["Invoice #"], ["A-1"]]);
    fake.addName("Rate", "=Notes!$A$1");
    fake.addName("Local", "=Notes!$A$1", "Notes");
    await fake.Excel.run(async (context: RequestContext) => {
      const book = context.workbook.names.load("items/name,items/scope");
      const notes = context.workbook.worksheets.getItem("Notes").names.load("items/name,items/scope");
      const data = context.workbook.worksheets.getItem("Data").names.load("items/name");
      expect(() => book.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(book.items.map((n) => [n.name, n.scope])).toEqual([["Rate", "Workbook"]]);
      expect(notes.items.map((n) => [n.name, n.scope])).toEqual([["Local", "Worksheet"]]);
      expect(data.items).toEqual([]);
    });
    const clash = await codeOf(
      fake.Excel.run(async (context: RequestContext) => {
        context.workbook.names.add("invoices", "=Notes!$A$1");
        await context.sync();
      }),
    );
    expect(clash).toBe("ItemAlreadyExists");
    fake.deleteSheet("Notes");
    expect(fake.listNames()).toEqual([{ name: "Rate", formula: "=Notes!$A$1", sheet: null }]);
  });

  it("records TableRowCollection.add calls", async () => {
    const fake = seeded();
    fake.addTable("Data", "T", "E1", [["H"], [1]]);
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.tables.getItem("T").rows.add(null, [[2]]);
      await context.sync();
    });
    expect(fake.stats.tableRowAddCalls).toBe(1);
    expect(fake.getTable("T")!.rowCount).toBe(2);
  });

  it("records the selection", async () => {
    const fake = seeded();
    fake.addSheet("Other");
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem("Other").getRange("C7").select();
      const selected = context.workbook.getSelectedRange().load("address");
      await context.sync();
      expect(selected.address).toBe("Other!C7");
    });
    expect(fake.selection).toEqual({ sheet: "Other", address: "C7" });
    expect(fake.activeSheet).toBe("Other");
  });

  it("hides sheets (VeryHidden) and keeps their ids stable across renames", async () => {
    const fake = seeded();
    await fake.Excel.run(async (context: RequestContext) => {
      const s = context.workbook.worksheets.add("_hidden");
      s.visibility = "VeryHidden";
      s.name = "_h";
      s.load("id,name,visibility");
      await context.sync();
      expect(s.name).toBe("_h");
      expect(s.visibility).toBe("VeryHidden");
      expect(s.id).toBe(fake.listSheets()[1].id);
    });
  });
});

describe("installFakeOffice", () => {
  it("installs Excel, OfficeExtension and a minimal Office on a global object", async () => {
    const fake = seeded();
    const g: Record<string, unknown> = {};
    const installed = installFakeOffice(g, fake);
    const office = g.Office as { onReady(): Promise<{ host: string }>; HostType: { Excel: string }; actions: { associate(id: string, f: () => void): void }; context: { requirements: { isSetSupported(n: string, v: string): boolean } } };
    await expect(office.onReady()).resolves.toMatchObject({ host: "Excel" });
    expect(office.HostType.Excel).toBe("Excel");
    office.actions.associate("refreshAging", () => undefined);
    expect(installed.actions.has("refreshAging")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    expect(g.Excel).toBe(fake.Excel);
    installed.uninstall();
    expect(g.Excel).toBeUndefined();
  });
});

describe("fake Excel host: formulas that name other sheets", () => {
  async function run(fake: FakeExcel, act: (context: RequestContext) => void): Promise<void> {
    await fake.Excel.run(async (context: RequestContext) => {
      act(context);
      await context.sync();
    });
  }

  function withReferences(): FakeExcel {
    const fake = seeded();
    fake.addSheet("AR Invoice Detail", [["Open"], [5]]);
    fake.addSheet("Summary", []);
    return fake;
  }

  it("turns a reference into a deleted sheet into #REF!, as Excel does", async () => {
    const fake = withReferences();
    await run(fake, (c) => (c.workbook.worksheets.getItem("Summary").getRange("A1:B1").formulas = [["=SUM('AR Invoice Detail'!$A:$A)", "=SUMIFS(Data!B1:B2,Data!A1:A2,\"a\")"]]));
    await run(fake, (c) => c.workbook.worksheets.getItem("AR Invoice Detail").delete());
    expect(fake.getCell("Summary", "A1").formula).toBe("=SUM(#REF!)");
    expect(fake.getCell("Summary", "B1").formula).toBe('=SUMIFS(Data!B1:B2,Data!A1:A2,"a")');
  });

  it("keeps such a formula on its sheet when the sheet is renamed, by Excel or by a co-author", async () => {
    const fake = withReferences();
    await run(fake, (c) => (c.workbook.worksheets.getItem("Summary").getRange("A1:B1").formulas = [["=SUM('AR Invoice Detail'!$A:$A)", "=Data!A1"]]));
    await run(fake, (c) => (c.workbook.worksheets.getItem("AR Invoice Detail").name = "Ann's copy"));
    fake.renameSheet("Data", "Ledger");
    expect(fake.getCell("Summary", "A1").formula).toBe("=SUM('Ann''s copy'!$A:$A)");
    expect(fake.getCell("Summary", "B1").formula).toBe("=Ledger!A1");
  });
});
