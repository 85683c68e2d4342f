import { zeroAmount } from "../../../../src/core/validate/rules/zeroAmount";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

describe("zeroAmount", () => {
  it("warns at a zero amount, typed or as text", () => {
    const issues = run(zeroAmount, BASIC, [clean("I1"), clean("I2", "Acme", 0), clean("I3", "Acme", "0.00"), clean("I4", "Acme", 0.001)]);
    expect(where(issues)).toEqual([
      { rule: "zero-amount", severity: "warning", cell: "E3", row: 3, column: "Amount", value: "0" },
      { rule: "zero-amount", severity: "warning", cell: "E4", row: 4, column: "Amount", value: "0.00" },
      { rule: "zero-amount", severity: "warning", cell: "E5", row: 5, column: "Amount", value: "0.001" },
    ]);
  });

  it("is silent on non-zero and blank amounts", () => {
    expect(run(zeroAmount, BASIC, [clean("I1"), clean("I2", "Acme", -1), clean("I3", "Acme", null), clean("I4", "Acme", 0.01)])).toEqual([]);
  });
});
