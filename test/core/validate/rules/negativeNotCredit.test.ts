import { negativeNotCredit } from "../../../../src/core/validate/rules/negativeNotCredit";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

const headers = [...BASIC, "Type"];

describe("negativeNotCredit", () => {
  it("warns at the amount of a negative row whose type is not a credit note", () => {
    const issues = run(negativeNotCredit, headers, [[...clean("I1"), "Invoice"], [...clean("I2", "Acme", -50), "Invoice"], [...clean("I3", "Acme", "(20.00)"), null]]);
    expect(where(issues)).toEqual([
      { rule: "negative-not-credit", severity: "warning", cell: "E3", row: 3, column: "Amount", value: "-50" },
      { rule: "negative-not-credit", severity: "warning", cell: "E4", row: 4, column: "Amount", value: "(20.00)" },
    ]);
    expect(issues[1].message).toContain('"empty"');
  });

  it("is silent on credit notes in any language and on positive amounts", () => {
    const rows = [[...clean("I1", "Acme", -50), "Credit Note"], [...clean("I2", "Acme", -5), "Avoir"], [...clean("I3", "Acme", -5), "Gutschrift"], [...clean("I4", "Acme", -5), "CR"], [...clean("I5"), "Invoice"]];
    expect(run(negativeNotCredit, headers, rows)).toEqual([]);
  });

  it("is silent without a type column", () => {
    expect(run(negativeNotCredit, BASIC, [clean("I1", "Acme", -50)])).toEqual([]);
  });
});
