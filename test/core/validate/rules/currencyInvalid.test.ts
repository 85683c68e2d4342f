import { currencyInvalid } from "../../../../src/core/validate/rules/currencyInvalid";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

const headers = [...BASIC, "Curr."];

describe("currencyInvalid", () => {
  it("warns on a currency that is not an ISO 4217 code, at its cell", () => {
    const issues = run(currencyInvalid, headers, [[...clean("I1"), "USD"], [...clean("I2"), "Euro"], [...clean("I3"), "XYZ"], [...clean("I4"), "$"]]);
    expect(where(issues)).toEqual([
      { rule: "currency-invalid", severity: "warning", cell: "F3", row: 3, column: "Curr.", value: "Euro" },
      { rule: "currency-invalid", severity: "warning", cell: "F4", row: 4, column: "Curr.", value: "XYZ" },
      { rule: "currency-invalid", severity: "warning", cell: "F5", row: 5, column: "Curr.", value: "$" },
    ]);
  });

  it("is silent on ISO codes in any case and on blanks", () => {
    expect(run(currencyInvalid, headers, [[...clean("I1"), "usd"], [...clean("I2"), " EUR "], [...clean("I3"), "JPY"], [...clean("I4"), null]])).toEqual([]);
  });
});
