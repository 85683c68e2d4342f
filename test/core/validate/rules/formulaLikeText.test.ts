import { formulaLikeText, startsLikeFormula } from "../../../../src/core/validate/rules/formulaLikeText";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

describe("startsLikeFormula", () => {
  it.each(["=SUM(A1)", "+cmd", "-abc", "@risk", "\tx", "\rx", "=1+1"])("%j starts like a formula", (t) => expect(startsLikeFormula(t)).toBe(true));
  it.each(["-5", "-12.50", "+33 1 23 45 67", "Acme", "a=b", ""])("%j does not", (t) => expect(startsLikeFormula(t)).toBe(false));
});

describe("formulaLikeText", () => {
  it("warns at each text cell that starts like a formula", () => {
    const headers = [...BASIC, "Notes"];
    const issues = run(formulaLikeText, headers, [[...clean("I1"), "fine"], [...clean("=HYPERLINK(\"x\")", "@Acme"), "-call first"]]);
    expect(where(issues)).toEqual([
      { rule: "formula-like-text", severity: "warning", cell: "A3", row: 3, column: "Invoice Number", value: '=HYPERLINK("x")' },
      { rule: "formula-like-text", severity: "warning", cell: "B3", row: 3, column: "Customer", value: "@Acme" },
      { rule: "formula-like-text", severity: "warning", cell: "F3", row: 3, column: "Notes", value: "-call first" },
    ]);
    expect(issues[0].message).toContain('starts with "="');
  });

  it("names a leading tab in words", () => {
    const issues = run(formulaLikeText, BASIC, [clean("\tINV-1")]);
    expect(issues[0].message).toContain('starts with "tab"');
  });

  it("is silent on clean text, negative numbers as invoice numbers, and non-text cells", () => {
    expect(run(formulaLikeText, BASIC, [clean("I1"), clean("-42"), clean("I3", "Acme", "-5")])).toEqual([]);
  });
});
