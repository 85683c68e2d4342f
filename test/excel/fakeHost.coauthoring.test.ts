/**
 * What the fake Excel host (a stand-in for Excel written for tests) adds for the adapter's
 * staged writes: a co-author's edit between two syncs, and Range.copyFrom. Checked directly, so
 * the adapter's tests rest on a fake that does what its README says.
 */
import { createFakeExcel, type FakeExcel, type RequestContext } from "../support/fakeExcel";

let fake: FakeExcel;

beforeEach(() => {
  fake = createFakeExcel();
  fake.addSheet("Data", [["a", 1], ["", 2]]);
});

const run = <T>(batch: (context: RequestContext) => Promise<T>) => fake.Excel.run(batch);

describe("beforeSync", () => {
  it("changes the workbook between two syncs of one run, with sync numbers counted from 1", async () => {
    const seen: number[] = [];
    fake.beforeSync((n) => {
      seen.push(n);
      if (n === 2) fake.renameSheet("Data", "Data old");
    });
    const error = await run(async (context) => {
      const first = context.workbook.worksheets.getItem("Data").load("name");
      await context.sync();
      expect(first.name).toBe("Data");
      context.workbook.worksheets.getItem("Data").load("name");
      return context.sync().then(
        () => null,
        (e: { code?: string }) => e.code,
      );
    });
    expect(seen).toEqual([1, 2]);
    expect(error).toBe("ItemNotFound");
    expect(fake.listSheets().map((s) => s.name)).toEqual(["Data old"]);
  });

  it("is removed with null", async () => {
    let calls = 0;
    fake.beforeSync(() => calls++);
    fake.beforeSync(null);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Data").load("name");
      await context.sync();
    });
    expect(calls).toBe(0);
  });
});

describe("Range.copyFrom", () => {
  beforeEach(async () => {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Data");
      sheet.getRange("C1:C2").values = [["=SUM(B1:B2)"], ["'0042"]];
      sheet.getRange("B1").numberFormat = [["0.00"]];
      context.workbook.worksheets.add("Copy");
      await context.sync();
    });
  });

  const copy = (type: "All" | "Formulas" | "Values" | "Formats", skipBlanks = false) =>
    run(async (context) => {
      const target = context.workbook.worksheets.getItem("Copy");
      target.getRange("A1:B2").values = [["x", "x"], ["x", "x"]];
      target.getRange("A1").copyFrom(context.workbook.worksheets.getItem("Data").getRange("B1:C2"), type, skipBlanks);
      await context.sync();
    });

  it("copies what was typed with Formulas: formulas stay formulas, literal text stays literal", async () => {
    await copy("Formulas");
    expect(fake.getFormulas("Copy")).toEqual([[null, "=SUM(B1:B2)"], [null, null]]);
    expect(fake.getCell("Copy", "B2")).toMatchObject({ value: "0042", textPrefix: true });
    expect(fake.getCell("Copy", "A1").numberFormat).toBe("General");
  });

  it("copies what the cells show with Values, and formats with Formats only", async () => {
    await copy("Values");
    expect(fake.getCell("Copy", "B1")).toMatchObject({ value: 3, formula: null });
    await copy("Formats");
    expect(fake.getCell("Copy", "A1")).toMatchObject({ value: "x", numberFormat: "0.00" });
  });

  it("skips blank source cells when asked, and refuses to transpose", async () => {
    await run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("B2").values = [[""]];
      await context.sync();
    });
    await copy("Formulas", true);
    expect(fake.getCell("Copy", "A2").value).toBe("x");
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("Copy").getRange("A1").copyFrom("Data!B1:C2", "All", false, true);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
