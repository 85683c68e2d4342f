import fc from "fast-check";
import { amountOutlier, median } from "../../../../src/core/validate/rules/amountOutlier";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

describe("amountOutlier", () => {
  it("notes an amount ten or more times the customer's median, at its cell", () => {
    const rows = [clean("I1", "Acme", 100), clean("I2", "Acme", 120), clean("I3", "Acme", 90), clean("I4", "Acme", 110), clean("I5", "Acme", 105), clean("I6", "Acme", 10500)];
    const issues = run(amountOutlier, BASIC, rows);
    // Median of 90, 100, 105, 110, 120, 10500 is (105 + 110) / 2 = 107.50; 10500 / 107.5 ≈ 98.
    expect(where(issues)).toEqual([{ rule: "amount-outlier", severity: "info", cell: "E7", row: 7, column: "Amount", value: "10500" }]);
    expect(issues[0].message).toBe("This amount is 98 times the customer's usual invoice (median 107.50).");
  });

  it("counts exactly ten times as unusual, nine times as not", () => {
    const base = [1, 2, 3, 4].map((i) => clean(`I${i}`, "Acme", 100));
    expect(run(amountOutlier, BASIC, [...base, clean("I5", "Acme", 1000)]).map((i) => i.cell)).toEqual(["E6"]);
    expect(run(amountOutlier, BASIC, [...base, clean("I5", "Acme", 900)])).toEqual([]);
  });

  it("needs five invoices of the customer before judging", () => {
    expect(run(amountOutlier, BASIC, [clean("I1", "Acme", 100), clean("I2", "Acme", 100), clean("I3", "Acme", 100), clean("I4", "Acme", 100000)])).toEqual([]);
  });

  it("is silent on steady amounts and ignores credit notes", () => {
    const rows = [1, 2, 3, 4, 5].map((i) => clean(`I${i}`, "Acme", 100 + i));
    expect(run(amountOutlier, BASIC, [...rows, clean("C1", "Acme", -50000)])).toEqual([]);
  });
});

describe("median", () => {
  it("is the middle of the sorted amounts, or the mean of the two middle ones, and leaves the amounts as they were", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 40 }), (list) => {
        const amounts = Float64Array.from(list);
        const sorted = [...list].sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        const expected = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        expect(median(amounts, new Float64Array(list.length + 3))).toBe(expected);
        expect([...amounts]).toEqual(list);
      }),
      { numRuns: 1000 },
    );
  });
});
