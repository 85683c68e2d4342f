/**
 * Range.text in the fake Excel host (a stand-in for Excel written for tests, NOT Excel): what a
 * cell shows under its number format, in the workbook's date system. The adapter tells a 1904
 * workbook from it where Office.js has no use1904DateSystem, so the fake must render dates as
 * Excel documents its format codes, and keep Office.js's load-before-read rule for it.
 */
import { createFakeExcel, type FakeExcel, type RequestContext } from "../support/fakeExcel";
import { cellText, INVALID_DATE_TEXT } from "../support/fakeExcel/numberFormat";

// 45292 is Monday 2024-01-01 counted from 1900, Sunday 2028-01-02 counted from 1904.
const SERIAL = 45292;
const text1900 = (value: string | number | boolean, format: string) => cellText(value, format, false);
const text1904 = (value: string | number | boolean, format: string) => cellText(value, format, true);

describe("Range.text through the request model", () => {
  let fake: FakeExcel;
  const run = <T>(batch: (context: RequestContext) => Promise<T>) => fake.Excel.run(batch);

  beforeEach(() => {
    fake = createFakeExcel({ date1904: true });
    fake.addSheet("Data", [[SERIAL, SERIAL, 1234.5, "x", true, ""]]);
    fake.setNumberFormat("Data", "A1", "dd/mm/yyyy");
    fake.setNumberFormat("Data", "B1", "d-mmm-yy");
  });

  it("is read only after it was loaded and synced", async () => {
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Data").getRange("A1:F1");
      expect(() => range.text).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("text");
      expect(() => range.text).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.text).toEqual([["02/01/2028", "2-Jan-28", "1234.5", "x", "TRUE", ""]]);
      // Loading text loads nothing else.
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("shows the workbook's own date system", async () => {
    fake = createFakeExcel({ date1904: false });
    fake.addSheet("Data", [[SERIAL]]);
    fake.setNumberFormat("Data", "A1", "dd/mm/yyyy");
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Data").getRange("A1").load("text");
      await context.sync();
      expect(range.text).toEqual([["01/01/2024"]]);
    });
    expect(fake.getCell("Data", "A1").text).toBe("01/01/2024");
  });

  it("is counted in the response bytes", async () => {
    const bytes = async (props: string) => {
      fake.resetStats();
      await run(async (context) => {
        context.workbook.worksheets.getItem("Data").getRange("A1:F1").load(props);
        await context.sync();
      });
      return fake.stats.syncs[0].responseBytes;
    };
    const values = await bytes("values");
    const both = await bytes("values,text");
    expect(both - values).toBeGreaterThanOrEqual(JSON.stringify([["02/01/2028", "2-Jan-28", "1234.5", "x", "TRUE", ""]]).length);
  });

  it("comes with a load of every property, and cannot be written", async () => {
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Data").getRange("A1").load();
      await context.sync();
      expect(range.text).toEqual([["02/01/2028"]]);
      expect(() => {
        (range as unknown as { text: unknown }).text = [["x"]];
      }).toThrow(TypeError);
    });
  });
});

describe("cellText: dates", () => {
  it("renders year, month and day codes with literal separators", () => {
    expect(text1900(SERIAL, "yyyy-mm-dd")).toBe("2024-01-01");
    expect(text1904(SERIAL, "yyyy-mm-dd")).toBe("2028-01-02");
    expect(text1900(SERIAL, "m/d/yy")).toBe("1/1/24");
    expect(text1904(SERIAL, "m/d/yyyy")).toBe("1/2/2028");
    expect(text1900(SERIAL + 40, "d mmm yyyy")).toBe("10 Feb 2024");
    expect(text1900(SERIAL + 40, "dddd d mmmm yyyy")).toBe("Saturday 10 February 2024");
    expect(text1900(SERIAL, "ddd dd.mm.yyyy")).toBe("Mon 01.01.2024");
    expect(text1904(SERIAL, "ddd dd.mm.yyyy")).toBe("Sun 02.01.2028");
    expect(text1900(SERIAL, "mmmmm")).toBe("J");
    // "y" and "yy" show two digits, "yyy" and "yyyy" four.
    expect(text1900(SERIAL, "y|yy|yyy|yyyy")).toBe("24|24|2024|2024");
    // Codes are not case-sensitive.
    expect(text1900(SERIAL, "DD/MM/YYYY")).toBe("01/01/2024");
  });

  it("keeps quoted text and escapes, and ignores locale and colour brackets", () => {
    expect(text1900(SERIAL, '"due "dd/mm/yyyy')).toBe("due 01/01/2024");
    expect(text1900(SERIAL, '\\d\\a\\y d')).toBe("day 1");
    expect(text1900(SERIAL, "[$-409]mmmm d, yyyy")).toBe("January 1, 2024");
    expect(text1900(SERIAL, "[$-en-US,1]dd mmm yyyy")).toBe("01 Jan 2024");
    expect(text1900(SERIAL, "[Red]yyyy")).toBe("2024");
    // Quoted or escaped letters are not codes.
    expect(text1900(SERIAL, '"yyyy" yy')).toBe("yyyy 24");
  });

  it("tells minutes from months, and renders the time of day", () => {
    const noon = SERIAL + 0.5 + 5 / 1440;
    expect(text1900(noon, "yyyy-mm-dd hh:mm")).toBe("2024-01-01 12:05");
    expect(text1900(noon, "h:mm AM/PM")).toBe("12:05 PM");
    expect(text1900(SERIAL + 0.25, "h:mm:ss a/p")).toBe("6:00:00 a");
    expect(text1900(SERIAL + 0.25, "mm:ss")).toBe("00:00");
    expect(text1900(1.5, "[h]:mm")).toBe("36:00");
  });

  it("has Excel's 1900 calendar: day 0, the 29 February 1900 that never was, and nothing before day 0", () => {
    expect(text1900(0, "yyyy-mm-dd")).toBe("1900-01-00");
    expect(text1900(1, "dddd yyyy-mm-dd")).toBe("Sunday 1900-01-01");
    expect(text1900(60, "yyyy-mm-dd")).toBe("1900-02-29");
    expect(text1900(61, "yyyy-mm-dd")).toBe("1900-03-01");
    expect(text1904(0, "yyyy-mm-dd")).toBe("1904-01-01");
    expect(text1900(-1, "yyyy-mm-dd")).toBe(INVALID_DATE_TEXT);
    expect(text1900(2_958_465, "yyyy-mm-dd")).toBe("9999-12-31");
    expect(text1900(2_958_466, "yyyy-mm-dd")).toBe(INVALID_DATE_TEXT);
    expect(text1904(2_957_003, "yyyy-mm-dd")).toBe("9999-12-31");
  });
});

describe("cellText: numbers, text and the rest", () => {
  it("shows General numbers as their plain text", () => {
    expect(text1900(SERIAL, "General")).toBe("45292");
    expect(text1900(0.1 + 0.2, "General")).toBe("0.3");
    expect(text1900(-12.5, "")).toBe("-12.5");
  });

  it("renders simple number formats", () => {
    expect(text1900(1234.5, "#,##0.00")).toBe("1,234.50");
    expect(text1900(-1234.5, "#,##0.00")).toBe("-1,234.50");
    expect(text1900(-1234.5, "#,##0.00;(#,##0.00)")).toBe("(1,234.50)");
    expect(text1900(0, '#,##0.00;(#,##0.00);"-"')).toBe("-");
    expect(text1900(0.256, "0%")).toBe("26%");
    expect(text1900(7, "000")).toBe("007");
    expect(text1900(0.5, "#.##")).toBe(".5");
    expect(text1900(1500000, "#,##0,")).toBe("1,500");
    expect(text1900(12.5, '"$"#,##0.00')).toBe("$12.50");
    expect(text1900(12.5, "[$€-407] #,##0.00")).toBe("€ 12.50");
  });

  it("shows text, booleans and blanks as they are, text through a format's text section", () => {
    expect(text1900("Acme", "dd/mm/yyyy")).toBe("Acme");
    expect(text1900("Acme", '0;-0;0;"Customer: "@')).toBe("Customer: Acme");
    expect(text1900(true, "General")).toBe("TRUE");
    expect(text1900("", "dd/mm/yyyy")).toBe("");
  });
});
