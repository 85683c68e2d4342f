import { computeCharges, simpleInterestMinor, statutoryCompensationMinor, statutoryRate } from "../../../src/core/reminders/charges";

describe("charges", () => {
  it("UK statutory: base rate + 8 %, £40 / £70 / £100 by debt size, per invoice", () => {
    expect(statutoryRate("uk", 0.04)).toBe(0.12);
    expect([99_999, 100_000, 999_999, 1_000_000].map((m) => statutoryCompensationMinor("uk", m))).toEqual([4000, 7000, 7000, 10000]);
    const c = computeCharges(
      [
        { invoice: "A", daysOverdue: 30, openMinor: 50_000 }, // £500 × 12 % × 30/365 = £4.9315 → 493; + £40
        { invoice: "B", daysOverdue: 73, openMinor: 250_000 }, // £2,500 × 12 % × 73/365 = £60.00 → 6000; + £70
        { invoice: "C", daysOverdue: 365, openMinor: 1_500_000 }, // £15,000 × 12 % = £1,800 → 180000; + £100
        { invoice: "D", daysOverdue: -2, openMinor: 10_000 }, // not yet due: nothing
      ],
      { statutory: { regime: "uk", referenceRate: 0.04 } },
      "GBP",
    );
    expect(c.items.map((i) => [i.invoice, i.interestMinor, i.feeMinor])).toEqual([["A", 493, 4000], ["B", 6000, 7000], ["C", 180000, 10000]]);
    expect([c.interestMinor, c.feesMinor, c.totalMinor]).toEqual([186493, 21000, 207493]);
  });
  it("EU statutory: reference rate + 8 points and €40 per invoice", () => {
    const c = computeCharges([{ invoice: "E", daysOverdue: 10, openMinor: 1_000_000 }], { statutory: { regime: "eu", referenceRate: 0.025 } }, "EUR");
    // €10,000 × 10.5 % × 10/365 = €28.767 → 2877
    expect(c.items.map((i) => [i.rate, i.interestMinor, i.feeMinor])).toEqual([[0.105, 2877, 4000]]);
  });
  it("leaves statutory compensation out for another currency, and rounds half up", () => {
    expect(computeCharges([{ invoice: "X", daysOverdue: 10, openMinor: 1000 }], { statutory: { regime: "eu", referenceRate: 0 } }, "USD").feesMinor).toBe(0);
    expect(simpleInterestMinor(365, 0.1, 5)).toBe(1); // 0.5 → 1
    expect(computeCharges([{ invoice: "F", daysOverdue: 5, openMinor: 1000 }], { lateFeeMinor: 1500, annualRate: 0 }).totalMinor).toBe(1500);
  });
});
