import { paidExceedsAmount } from "../../../../src/core/validate/rules/paidExceedsAmount";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

const headers = [...BASIC, "Amount Paid"];

describe("paidExceedsAmount", () => {
  it("warns at the paid amount when more was paid than invoiced", () => {
    const issues = run(paidExceedsAmount, headers, [[...clean("I1"), 100], [...clean("I2"), 100.01]]);
    expect(where(issues)).toEqual([{ rule: "paid-exceeds-amount", severity: "warning", cell: "F3", row: 3, column: "Amount Paid", value: "100.01" }]);
  });

  it("is silent on partial or full payment, on credit notes and without the columns", () => {
    expect(run(paidExceedsAmount, headers, [[...clean("I1"), 40], [...clean("I2"), 100], [...clean("I3", "Acme", -50), 10], [...clean("I4"), null]])).toEqual([]);
    expect(run(paidExceedsAmount, ["Invoice", "Customer", "Due Date", "Balance", "Paid"], [["I1", "A", 46112, 10, 50]])).toEqual([]);
  });
});
