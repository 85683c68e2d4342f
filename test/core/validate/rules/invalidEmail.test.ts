import { invalidEmail, isValidEmailList } from "../../../../src/core/validate/rules/invalidEmail";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

describe("isValidEmailList", () => {
  it.each(["ap@acme.com", "a.b+c@x.co.uk", "ap@acme.com; billing@acme.com", "Jane Doe <jane@acme.com>", "a@b.fr,c@d.de"])("accepts %j", (t) => expect(isValidEmailList(t)).toBe(true));
  it.each(["bob@", "acme.com", "bob@acme", "bob @acme.com", "a@b.com; nope", ";", "a@@b.com"])("rejects %j", (t) => expect(isValidEmailList(t)).toBe(false));
});

describe("invalidEmail", () => {
  const headers = [...BASIC, "E-mail"];

  it("warns at the email cell of an invalid address", () => {
    const issues = run(invalidEmail, headers, [[...clean("I1"), "ap@acme.com"], [...clean("I2"), "bob@acme"]]);
    expect(where(issues)).toEqual([{ rule: "invalid-email", severity: "warning", cell: "F3", row: 3, column: "E-mail", value: "bob@acme" }]);
  });

  it("is silent on valid and blank addresses", () => {
    expect(run(invalidEmail, headers, [[...clean("I1"), "ap@acme.com; ar@acme.com"], [...clean("I2"), null]])).toEqual([]);
  });
});
