import { customerSeveralCurrencies } from "../../../../src/core/validate/rules/customerSeveralCurrencies";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

const headers = [...BASIC, "Currency"];

describe("customerSeveralCurrencies", () => {
  it("warns on the rows in the customer's less used currency", () => {
    const issues = run(customerSeveralCurrencies, headers, [
      [...clean("I1", "Acme"), "USD"],
      [...clean("I2", "Acme"), "usd"],
      [...clean("I3", "Acme"), "EUR"],
      [...clean("I4", "Beta"), "EUR"],
    ]);
    expect(where(issues)).toEqual([{ rule: "customer-several-currencies", severity: "warning", cell: "F4", row: 4, column: "Currency", value: "EUR" }]);
    expect(issues[0].message).toBe("Acme is billed in EUR here but in USD on 2 other rows.");
  });

  it("breaks a tie alphabetically: the later code is flagged", () => {
    const issues = run(customerSeveralCurrencies, headers, [[...clean("I1", "Acme"), "USD"], [...clean("I2", "Acme"), "EUR"]]);
    expect(issues.map((i) => i.cell)).toEqual(["F2"]);
  });

  it("is silent when each customer has one currency, and ignores blank currencies", () => {
    expect(run(customerSeveralCurrencies, headers, [[...clean("I1", "Acme"), "USD"], [...clean("I2", "Acme"), null], [...clean("I3", "Beta"), "EUR"]])).toEqual([]);
  });
});
