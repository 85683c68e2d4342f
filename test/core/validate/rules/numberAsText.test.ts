import { numberAsText } from "../../../../src/core/validate/rules/numberAsText";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

describe("numberAsText", () => {
  it("notes amounts and dates stored as text in a workbook, at each cell", () => {
    const issues = run(numberAsText, BASIC, [clean("I1"), ["I2", "Acme", "2026-03-01", "46112", "1,234.50"]]);
    expect(where(issues)).toEqual([
      { rule: "number-as-text", severity: "info", cell: "E3", row: 3, column: "Amount", value: "1,234.50" },
      { rule: "number-as-text", severity: "info", cell: "C3", row: 3, column: "Invoice Date", value: "2026-03-01" },
      { rule: "number-as-text", severity: "info", cell: "D3", row: 3, column: "Due Date", value: "46112" },
    ]);
  });

  it("is silent for CSV, where every cell is text", () => {
    expect(run(numberAsText, BASIC, [["I2", "Acme", "2026-03-01", "2026-03-31", "100"]], { typedCells: false })).toEqual([]);
  });

  it("is silent on typed numbers and dates, and on unreadable text (another rule's concern)", () => {
    expect(run(numberAsText, BASIC, [clean("I1"), ["I2", "Acme", new Date(Date.UTC(2026, 0, 1)), serial("2026-02-01"), "lots"]])).toEqual([]);
  });
});
