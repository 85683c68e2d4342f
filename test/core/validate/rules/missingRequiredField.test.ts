import { missingRequiredField } from "../../../../src/core/validate/rules/missingRequiredField";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

describe("missingRequiredField", () => {
  it("flags a blank customer at its cell, as an error", () => {
    const issues = run(missingRequiredField, BASIC, [clean("INV-1"), ["INV-2", "  ", serial("2026-03-01"), serial("2026-03-31"), 100]]);
    expect(where(issues)).toEqual([{ rule: "missing-required-field", severity: "error", cell: "B3", row: 3, column: "Customer", value: "  " }]);
    expect(issues[0].message).toContain("customer");
  });

  it("flags every missing required cell of a row: invoice, due date and amount", () => {
    const issues = run(missingRequiredField, BASIC, [clean("INV-1"), [null, "Acme", serial("2026-03-01"), null, ""]]);
    expect(issues.map((i) => i.cell)).toEqual(["A3", "D3", "E3"]);
    expect(issues.every((i) => i.severity === "error")).toBe(true);
  });

  it("does not require the invoice date", () => {
    expect(run(missingRequiredField, BASIC, [["INV-1", "Acme", null, serial("2026-03-31"), 100]])).toEqual([]);
  });

  it("requires the customer id when there is no customer name column, and the open balance when there is no amount", () => {
    const headers = ["Invoice", "Customer ID", "Due Date", "Open Balance"];
    const issues = run(missingRequiredField, headers, [["INV-1", "C-1", serial("2026-03-31"), 50], ["INV-2", null, serial("2026-03-31"), null]], { firstDataRow: 5, firstColumn: 3 });
    expect(where(issues)).toEqual([
      { rule: "missing-required-field", severity: "error", cell: "D6", row: 6, column: "Customer ID", value: "" },
      { rule: "missing-required-field", severity: "error", cell: "F6", row: 6, column: "Open Balance", value: "" },
    ]);
  });

  it("is silent on clean rows", () => {
    expect(run(missingRequiredField, BASIC, [clean("INV-1"), clean("INV-2"), clean("INV-3", "Beta", 0)])).toEqual([]);
  });
});
