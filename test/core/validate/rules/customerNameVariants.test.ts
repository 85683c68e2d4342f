import { customerKey, customerNameVariants } from "../../../../src/core/validate/rules/customerNameVariants";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

describe("customerKey", () => {
  it("ignores case, punctuation, accents and legal suffixes", () => {
    expect(customerKey("ACME Corp.")).toBe(customerKey("Acme Corporation"));
    expect(customerKey("Société Générale S.A.")).toBe("societe generale");
    expect(customerKey("Müller GmbH")).toBe("muller");
    expect(customerKey("Smith & Sons, Ltd")).toBe("smith and sons");
    expect(customerKey("Inc.")).toBe("");
    expect(customerKey("J.P. Morgan S.A.S.")).toBe(customerKey("JP Morgan SAS"));
  });
});

describe("customerNameVariants", () => {
  it("warns at each row spelled the less usual way", () => {
    const issues = run(customerNameVariants, BASIC, [clean("I1", "Acme Corporation"), clean("I2", "ACME Corp."), clean("I3", "Acme Corporation"), clean("I4", "Beta"), clean("I5", "acme")]);
    expect(where(issues).sort((a, b) => a.row - b.row)).toEqual([
      { rule: "customer-name-variants", severity: "warning", cell: "B3", row: 3, column: "Customer", value: "ACME Corp." },
      { rule: "customer-name-variants", severity: "warning", cell: "B6", row: 6, column: "Customer", value: "acme" },
    ]);
    expect(issues[0].message).toContain('"Acme Corporation" (2 rows)');
  });

  it("meets names whose legal suffix is written with dots (S.A. vs SA)", () => {
    const issues = run(customerNameVariants, BASIC, [clean("I1", "Société Générale SA"), clean("I2", "Société Générale SA"), clean("I3", "Societe Generale S.A.")]);
    expect(where(issues)).toEqual([{ rule: "customer-name-variants", severity: "warning", cell: "B4", row: 4, column: "Customer", value: "Societe Generale S.A." }]);
  });

  it("is silent when every customer is spelled one way, and on names that are only suffixes", () => {
    expect(run(customerNameVariants, BASIC, [clean("I1", "Acme"), clean("I2", "Acme"), clean("I3", "Acme Two"), clean("I4", "Inc."), clean("I5", "Ltd")])).toEqual([]);
  });
});
