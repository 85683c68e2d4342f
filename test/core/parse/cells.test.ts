import { parseAmountCell, parseDateCell, textOfCell } from "../../../src/core/parse/cells";

// 2026-01-01 is day 20454 and Excel serial 46023 (44561 in the 1904 system);
// 2026-03-31 is day 20454 + 31 + 28 + 30 = 20543.
const D_2026_01_01 = 20454;
const D_2026_03_31 = 20543;

describe("parseDateCell", () => {
  it("reads Excel serials, dropping the time of day", () => {
    expect(parseDateCell(46023)).toBe(D_2026_01_01);
    expect(parseDateCell(46023.75)).toBe(D_2026_01_01);
  });

  it("reads serials in the 1904 system when the workbook uses it", () => {
    expect(parseDateCell(44561, true)).toBe(D_2026_01_01);
    expect(parseDateCell(46023, true)).toBe(D_2026_01_01 + 1462);
  });

  it("refuses serials that are no date", () => {
    expect(parseDateCell(60)).toBeNull();
    expect(parseDateCell(-3)).toBeNull();
  });

  it("reads a Date as its UTC day", () => {
    expect(parseDateCell(new Date(Date.UTC(2026, 0, 1)))).toBe(D_2026_01_01);
    expect(parseDateCell(new Date("2026-03-31T23:30:00Z"))).toBe(D_2026_03_31);
    expect(parseDateCell(new Date(Number.NaN))).toBeNull();
  });

  it.each([
    ["2026-03-31", D_2026_03_31],
    ["  2026-03-31 ", D_2026_03_31],
    ["2026-03-31T10:15:00", D_2026_03_31],
    ["2026-03-31T10:15:00Z", D_2026_03_31],
    ["2026-03-31T10:15:00.123Z", D_2026_03_31],
    ["2026-03-31 10:15", D_2026_03_31],
  ])("reads ISO text %j", (text, day) => {
    expect(parseDateCell(text)).toBe(day);
  });

  it.each(["", "junk", "31/03/2026", "03/31/2026", "2026-02-30", "2026-03-31 tomorrow", "46023"])(
    "refuses text %j",
    (text) => {
      expect(parseDateCell(text)).toBeNull();
    },
  );

  it("refuses booleans and empty cells", () => {
    expect(parseDateCell(true)).toBeNull();
    expect(parseDateCell(false)).toBeNull();
    expect(parseDateCell(null)).toBeNull();
    expect(parseDateCell(undefined)).toBeNull();
  });
});

describe("parseAmountCell", () => {
  it.each([
    ["1,234.56", 123456],
    ["$ 99", 9900],
    ["$1,000", 100000],
    ["99 USD", 9900],
    ["(12.00)", -1200],
    ["-7.5", -750],
    [" 42 ", 4200],
    [".5", 50],
    ["1234.565", 123457],
    ["1,234,567.89", 123456789],
  ])("reads text %j as %d cents", (text, minor) => {
    expect(parseAmountCell(text)).toBe(minor);
  });

  it.each(["12.3.4", "abc", "", "  ", "12,34", "1,2345", "€1.234,56", "-", "()", "1 234"])("refuses text %j", (text) => {
    expect(parseAmountCell(text)).toBeNull();
  });

  it("reads numbers as they show in Excel", () => {
    expect(parseAmountCell(12.34)).toBe(1234);
    expect(parseAmountCell(-5)).toBe(-500);
    expect(parseAmountCell(1.005)).toBe(101);
    expect(parseAmountCell(0)).toBe(0);
    expect(parseAmountCell(Number.NaN)).toBeNull();
  });

  it("uses the currency's digits", () => {
    expect(parseAmountCell(1500, 0)).toBe(1500);
    expect(parseAmountCell("1,500", 0)).toBe(1500);
    expect(parseAmountCell("1.2345", 3)).toBe(1235);
  });

  it("refuses booleans, Dates and empty cells", () => {
    expect(parseAmountCell(true)).toBeNull();
    expect(parseAmountCell(new Date(Date.UTC(2026, 0, 1)))).toBeNull();
    expect(parseAmountCell(null)).toBeNull();
    expect(parseAmountCell(undefined)).toBeNull();
  });
});

describe("textOfCell", () => {
  it("gives trimmed text", () => {
    expect(textOfCell("  INV-1  ")).toBe("INV-1");
    expect(textOfCell("")).toBe("");
  });

  it("gives empty text for empty cells", () => {
    expect(textOfCell(null)).toBe("");
    expect(textOfCell(undefined)).toBe("");
  });

  it("keeps the plain digits of numbers", () => {
    expect(textOfCell(100234)).toBe("100234");
    expect(textOfCell(12.5)).toBe("12.5");
  });

  it("writes Dates as their ISO day and booleans as words", () => {
    expect(textOfCell(new Date(Date.UTC(2026, 2, 31)))).toBe("2026-03-31");
    expect(textOfCell(true)).toBe("true");
  });
});
