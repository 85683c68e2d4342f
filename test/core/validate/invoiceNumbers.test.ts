import fc from "fast-check";
import { invoiceKey, invoiceNumberGroups } from "../../../src/core/validate/invoiceNumbers";

/** The first earlier row holding a value equal by `same`, found the slow, obvious way. */
function firstBy(numbers: readonly string[], same: (a: string, b: string) => boolean): number[] {
  return numbers.map((number, k) => (number === "" ? -1 : numbers.findIndex((other, j) => j <= k && other !== "" && same(other, number))));
}

// Few distinct characters, so numbers meet often, by text and by key (case, separators, zeros).
const number = fc.string({ unit: fc.constantFrom("A", "a", "0", "1", "-", " ", "é", "É"), maxLength: 4 });

describe("invoiceNumberGroups", () => {
  it("finds, for every row, the first row with the same number and with the same key", () => {
    fc.assert(
      fc.property(fc.array(number, { maxLength: 60 }), (numbers) => {
        const groups = invoiceNumberGroups(numbers);
        expect([...groups.sameNumber]).toEqual(firstBy(numbers, (a, b) => a === b));
        expect([...groups.sameKey]).toEqual(firstBy(numbers, (a, b) => invoiceKey(a) === invoiceKey(b)));
      }),
      { numRuns: 500 },
    );
  });

  it("tells an exact repeat from a near one inside the same key group", () => {
    const groups = invoiceNumberGroups(["INV-1", "inv1", "INV-1", "inv1", "INV-2"]);
    expect([...groups.sameKey]).toEqual([0, 0, 0, 0, 4]);
    expect([...groups.sameNumber]).toEqual([0, 1, 0, 1, 4]);
  });
});
