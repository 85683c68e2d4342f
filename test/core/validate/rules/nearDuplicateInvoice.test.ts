import fc from "fast-check";
import { hashText } from "../../../../src/core/parse/distinct";
import { invoiceKey, invoiceKeyHash } from "../../../../src/core/validate/invoiceNumbers";
import { nearDuplicateInvoice } from "../../../../src/core/validate/rules/nearDuplicateInvoice";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

describe("invoiceKey", () => {
  it.each([
    [" INV-0042 ", "inv42"],
    ["inv 42", "inv42"],
    ["INV42", "inv42"],
    ["0042", "42"],
    ["A/B.1_0", "ab10"],
    ["100", "100"],
  ])("%j → %j", (input, key) => expect(invoiceKey(input)).toBe(key));
});

describe("nearDuplicateInvoice", () => {
  it("warns on numbers that differ only by case, spaces, dashes or leading zeros, at the later cell", () => {
    const issues = run(nearDuplicateInvoice, BASIC, [clean("INV-0042"), clean("INV-7"), clean("inv 42"), clean("INV42")]);
    expect(where(issues)).toEqual([
      { rule: "near-duplicate-invoice", severity: "warning", cell: "A4", row: 4, column: "Invoice Number", value: "inv 42" },
      { rule: "near-duplicate-invoice", severity: "warning", cell: "A5", row: 5, column: "Invoice Number", value: "INV42" },
    ]);
    expect(issues[0].message).toContain('"INV-0042" on row 2');
  });

  it("leaves exact duplicates to the duplicate rule", () => {
    expect(run(nearDuplicateInvoice, BASIC, [clean("INV-1"), clean("INV-1")])).toEqual([]);
  });

  it("is silent on distinct numbers", () => {
    expect(run(nearDuplicateInvoice, BASIC, [clean("INV-100"), clean("INV-10"), clean("INV-1000"), clean("")])).toEqual([]);
  });
});

describe("invoiceKeyHash", () => {
  // Characters that exercise every branch: case, separators, zeros after letters, digits and
  // other characters, and text outside ASCII (which takes the key itself).
  const tricky = fc.constantFrom("I", "n", "V", "v", "0", "0", "0", "1", "7", "-", " ", ".", "/", "_", "\t", "#", "é", "\u00a0", "İ", "ß");
  it("is the hash of the invoice key, without building the key", () => {
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 12 }), (chars) => {
        const number = chars.join("");
        expect(invoiceKeyHash(number)).toBe(hashText(invoiceKey(number)));
      }),
      { numRuns: 5000 },
    );
    for (const number of ["INV-0042", "a00", "a00b", "0a01", "-007", "A0-0-5", "10023", "", "000", "a0", "0"]) expect(invoiceKeyHash(number)).toBe(hashText(invoiceKey(number)));
  });

  it("finds the same near duplicates as comparing keys one by one", () => {
    const numbers = fc.array(fc.constantFrom("INV-0042", "inv 42", "INV42", "INV-7", "inv-07", "INV-007", "0042", "42", "A/B.1_0", "ab10", "INV-1", "INV-1", ""), { maxLength: 30 });
    fc.assert(
      fc.property(numbers, (list) => {
        const first = new Map<string, { number: string; row: number }>();
        const expected: number[] = [];
        list.forEach((number, i) => {
          if (!number) return;
          const seen = first.get(invoiceKey(number));
          if (seen === undefined) first.set(invoiceKey(number), { number, row: i + 2 });
          else if (seen.number !== number) expected.push(i + 2);
        });
        expect(run(nearDuplicateInvoice, BASIC, list.map((n) => clean(n))).map((i) => i.row)).toEqual(expected);
      }),
    );
  });
});
