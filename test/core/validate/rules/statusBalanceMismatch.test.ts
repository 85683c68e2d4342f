import { statusBalanceMismatch } from "../../../../src/core/validate/rules/statusBalanceMismatch";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

const headers = [...BASIC, "Balance", "Status"];

describe("statusBalanceMismatch", () => {
  it("warns at the status when it says paid but a balance is open, and the reverse", () => {
    const issues = run(statusBalanceMismatch, headers, [[...clean("I1"), 100, "Open"], [...clean("I2"), 40, "Paid"], [...clean("I3"), 0, "Overdue"], [...clean("I4"), 0, "Payé"]]);
    expect(where(issues)).toEqual([
      { rule: "status-balance-mismatch", severity: "warning", cell: "G3", row: 3, column: "Status", value: "Paid" },
      { rule: "status-balance-mismatch", severity: "warning", cell: "G4", row: 4, column: "Status", value: "Overdue" },
    ]);
  });

  it("reads the balance as amount less paid amount", () => {
    const h = [...BASIC, "Paid to date", "Status"];
    const issues = run(statusBalanceMismatch, h, [[...clean("I1"), 100, "Open"], [...clean("I2"), 60, "Settled"], [...clean("I3"), 100, "bezahlt"]]);
    expect(issues.map((i) => [i.cell, i.value])).toEqual([["G2", "Open"], ["G3", "Settled"]]);
  });

  it("is silent when the balance is unknown, the status says neither, or there is no status column", () => {
    expect(run(statusBalanceMismatch, [...BASIC, "Status"], [[...clean("I1"), "Paid"]])).toEqual([]);
    expect(run(statusBalanceMismatch, headers, [[...clean("I1"), 100, "Disputed"], [...clean("I2"), 100, ""], [...clean("I3", "Acme", null), null, "Paid"]])).toEqual([]);
    expect(run(statusBalanceMismatch, [...BASIC, "Balance"], [[...clean("I1"), 0]])).toEqual([]);
  });

  it("reads a blank balance cell as the whole amount still open", () => {
    // A blank balance falls back to amount (less paid): "Paid" with a blank balance is flagged.
    const issues = run(statusBalanceMismatch, headers, [[...clean("I1"), null, "Paid"]]);
    expect(issues.map((i) => i.cell)).toEqual(["G2"]);
  });
});
