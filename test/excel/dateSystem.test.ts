import { workbookUses1904 } from "../../src/excel/dateSystem";

// Serial 45292 is 2024-01-01 counted from 1900, and 2028-01-02 counted from 1904.
const SERIAL = 45292;

describe("workbookUses1904", () => {
  it("reads the system from the year Excel shows, in any order of day, month and year", () => {
    expect(workbookUses1904([{ value: SERIAL, text: "01/01/2024", format: "dd/mm/yyyy" }])).toBe(false);
    expect(workbookUses1904([{ value: SERIAL, text: "02/01/2028", format: "dd/mm/yyyy" }])).toBe(true);
    expect(workbookUses1904([{ value: SERIAL, text: "1/2/2028", format: "m/d/yyyy" }])).toBe(true);
    expect(workbookUses1904([{ value: SERIAL, text: "2028-01-02", format: "yyyy-mm-dd" }])).toBe(true);
    expect(workbookUses1904([{ value: SERIAL, text: "2. Januar 2028", format: '[$-de-DE]d. mmmm yyyy' }])).toBe(true);
  });

  it("cannot tell from numbers not shown as dates, years not shown in full, or no date cell", () => {
    expect(workbookUses1904([{ value: SERIAL, text: "45292", format: "General" }])).toBeUndefined();
    expect(workbookUses1904([{ value: SERIAL, text: "45,292.00", format: "#,##0.00" }])).toBeUndefined();
    expect(workbookUses1904([{ value: SERIAL, text: "02/01/28", format: "dd/mm/yy" }])).toBeUndefined();
    expect(workbookUses1904([{ value: "2028-01-02", text: "2028-01-02", format: "@" }])).toBeUndefined();
    // "y" in quoted text is no year part of the format.
    expect(workbookUses1904([{ value: SERIAL, text: "day 45292", format: '"day" 0' }])).toBeUndefined();
    expect(workbookUses1904([])).toBeUndefined();
  });

  it("goes with the most cells, and says nothing on a tie", () => {
    const cells1904 = [
      { value: SERIAL, text: "2028-01-02", format: "yyyy-mm-dd" },
      { value: SERIAL + 40, text: "2028-02-11", format: "yyyy-mm-dd" },
    ];
    const odd = { value: SERIAL, text: "2024-01-01", format: "yyyy-mm-dd" };
    expect(workbookUses1904([...cells1904, odd])).toBe(true);
    expect(workbookUses1904([cells1904[0], odd])).toBeUndefined();
  });
});
