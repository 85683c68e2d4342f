import { currencyMissing } from "../../../../src/core/validate/rules/currencyMissing";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

const headers = [...BASIC, "Currency"];

describe("currencyMissing", () => {
  it("flags a blank currency as an error when the table has several", () => {
    const issues = run(currencyMissing, headers, [[...clean("I1"), "USD"], [...clean("I2"), "eur"], [...clean("I3"), " "]]);
    expect(where(issues)).toEqual([{ rule: "currency-missing", severity: "error", cell: "F4", row: 4, column: "Currency", value: " " }]);
    expect(issues[0].message).toContain("EUR, USD");
  });

  it("is silent when the table has one currency (in any case) or none", () => {
    expect(run(currencyMissing, headers, [[...clean("I1"), "USD"], [...clean("I2"), "usd"], [...clean("I3"), null]])).toEqual([]);
    expect(run(currencyMissing, headers, [[...clean("I1"), null], [...clean("I2"), null]])).toEqual([]);
  });

  it("is silent without a currency column", () => {
    expect(run(currencyMissing, BASIC, [clean("I1"), clean("I2")])).toEqual([]);
  });
});
