import { excelErrorValue } from "../../../../src/core/validate/rules/excelErrorValue";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

describe("excelErrorValue", () => {
  it("flags an error value in the amount as an error at its cell", () => {
    const issues = run(excelErrorValue, BASIC, [clean("INV-1"), ["INV-2", "Acme", serial("2026-03-01"), serial("2026-03-31"), "#N/A"]]);
    expect(where(issues)).toEqual([{ rule: "excel-error-value", severity: "error", cell: "E3", row: 3, column: "Amount", value: "#N/A" }]);
    expect(issues[0].message).toContain("#N/A");
  });

  it("is an error in critical fields and a warning in others", () => {
    const headers = [...BASIC, "Open Balance", "Email"];
    const issues = run(excelErrorValue, headers, [["#REF!", "Acme", "#VALUE!", "#DIV/0!", 100, "#NAME?", " #n/a "]]);
    expect(where(issues).map((i) => [i.cell, i.severity, i.value])).toEqual([
      ["A2", "error", "#REF!"],
      ["C2", "warning", "#VALUE!"],
      ["D2", "error", "#DIV/0!"],
      ["F2", "warning", "#NAME?"],
      ["G2", "warning", " #n/a "],
    ]);
  });

  it("treats the open balance as critical when there is no amount column", () => {
    const issues = run(excelErrorValue, ["Invoice", "Customer", "Due Date", "Balance"], [["I1", "Acme", serial("2026-03-31"), "#SPILL!"]]);
    expect(where(issues)).toEqual([{ rule: "excel-error-value", severity: "error", cell: "D2", row: 2, column: "Balance", value: "#SPILL!" }]);
  });

  it("is silent on clean rows, and on text that merely contains a hash", () => {
    expect(run(excelErrorValue, BASIC, [clean("#1001"), clean("INV-2", "N/A Ltd"), clean("INV-3", "#REF")])).toEqual([]);
  });
});
