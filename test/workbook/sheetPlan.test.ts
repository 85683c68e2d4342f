import fc from "fast-check";
import { cellAddress, cellSizedText, columnLetters, looksLikeFormula, MAX_CELL_TEXT, moneyFormat, parseCellAddress } from "../../src/workbook/sheetPlan";
import { excelInput } from "../../src/excel/excelPort";
import { cellXml } from "../../src/xlsx/zip/sheetWriter";

describe("columnLetters", () => {
  it.each([
    [1, "A"],
    [2, "B"],
    [26, "Z"],
    [27, "AA"],
    [28, "AB"],
    [52, "AZ"],
    [53, "BA"],
    [702, "ZZ"],
    [703, "AAA"],
    [16384, "XFD"],
  ])("column %d is %s", (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
  });
});

describe("cellAddress", () => {
  it("joins letters and row", () => {
    expect(cellAddress(7, 5)).toBe("E7");
    expect(cellAddress(1048576, 16384)).toBe("XFD1048576");
  });
});

describe("parseCellAddress", () => {
  it.each([
    ["A1", 1, 1],
    ["B3", 3, 2],
    ["$B$3", 3, 2],
    ["B$3", 3, 2],
    [" aa10 ", 10, 27],
    ["ZZ5", 5, 702],
    ["AAA1", 1, 703],
    ["XFD1048576", 1048576, 16384],
  ])("%j is row %d, column %d", (address, row, column) => {
    expect(parseCellAddress(address)).toEqual({ row, column });
  });

  it.each(["", "A", "3B", "ABCD1", "A1:B2", "Sheet1!A1"])("refuses %j", (address) => {
    expect(() => parseCellAddress(address)).toThrow(/Not a cell address/);
  });

  it("round trips with cellAddress over the whole sheet", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1048576 }), fc.integer({ min: 1, max: 16384 }), (row, column) => {
        expect(parseCellAddress(cellAddress(row, column))).toEqual({ row, column });
      }),
    );
  });
});

describe("looksLikeFormula", () => {
  it.each(["=SUM(A1:A3)", "+1", "-5", "@foo", "\tcmd", "\rcmd", "=", "-"])("flags %j", (text) => {
    expect(looksLikeFormula(text)).toBe(true);
  });

  it.each(["a=b", "Acme", "", " =1", "1+1", "(12.00)", "INV-1"])("lets %j through", (text) => {
    expect(looksLikeFormula(text)).toBe(false);
  });
});

describe("moneyFormat", () => {
  it("shows the currency's decimals", () => {
    expect(moneyFormat()).toBe("#,##0.00;-#,##0.00");
    expect(moneyFormat(3)).toBe("#,##0.000;-#,##0.000");
    expect(moneyFormat(0)).toBe("#,##0;-#,##0");
  });
});

describe("cellSizedText", () => {
  it("leaves text Excel can hold alone and cuts longer text to 32,767 characters, marked", () => {
    expect(cellSizedText("Acme")).toBe("Acme");
    const exact = "x".repeat(MAX_CELL_TEXT);
    expect(cellSizedText(exact)).toBe(exact);
    const cut = cellSizedText("y".repeat(40_000));
    expect(cut).toHaveLength(MAX_CELL_TEXT);
    expect(cut.endsWith("y…")).toBe(true);
  });
});

describe("text longer than a cell holds", () => {
  it("is cut by both adapters before it reaches the workbook", () => {
    const long = "n".repeat(40_000);
    expect(String(excelInput(long)).length).toBeLessThanOrEqual(MAX_CELL_TEXT + 1); // + Excel's text prefix
    const xml = cellXml("A1", long, 0)!;
    expect(xml).toContain(`${"n".repeat(MAX_CELL_TEXT - 1)}…</t>`);
    expect(xml).not.toContain("n".repeat(MAX_CELL_TEXT));
  });
});
