import { amountNotNumber } from "../../../../src/core/validate/rules/amountNotNumber";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

describe("amountNotNumber", () => {
  it("flags an amount that is words as an error at its cell", () => {
    const issues = run(amountNotNumber, BASIC, [clean("INV-1"), ["INV-2", "Acme", serial("2026-03-01"), serial("2026-03-31"), "about 100"]], { firstDataRow: 4 });
    expect(where(issues)).toEqual([{ rule: "amount-not-number", severity: "error", cell: "E5", row: 5, column: "Amount", value: "about 100" }]);
  });

  it("is a warning for a credit limit, an error for paid amount and open balance (listed field by field)", () => {
    const headers = [...BASIC, "Amount Paid", "Open Balance", "Credit Limit"];
    const issues = run(amountNotNumber, headers, [["INV-1", "Acme", serial("2026-03-01"), serial("2026-03-31"), 100, "n/a", "?", "lots"]]);
    expect(where(issues).map((i) => [i.cell, i.severity, i.column])).toEqual([
      ["G2", "error", "Open Balance"],
      ["F2", "error", "Amount Paid"],
      ["H2", "warning", "Credit Limit"],
    ]);
  });

  it("flags a boolean or a malformed grouping", () => {
    const issues = run(amountNotNumber, BASIC, [clean("INV-1", "Acme", true as unknown as number), clean("INV-2", "Acme", "1,23,4")]);
    expect(issues.map((i) => i.cell)).toEqual(["E2", "E3"]);
  });

  it("leaves Excel errors and blanks to their own rules", () => {
    expect(run(amountNotNumber, BASIC, [clean("INV-1", "Acme", "#N/A"), clean("INV-2", "Acme", null)])).toEqual([]);
  });

  it("is silent on numbers and readable amount text", () => {
    expect(run(amountNotNumber, BASIC, [clean("INV-1", "Acme", 12.5), clean("INV-2", "Acme", "$1,234.50"), clean("INV-3", "Acme", "(200.00)"), clean("INV-4", "Acme", "75 CR")])).toEqual([]);
  });
});
