import { rollRates, type AgingSnapshot } from "../../../src/core/metrics/rollRates";

const LABELS = ["Current", "1–30", "30+"];
const snap = (asOf: number, totals: number[], currency = "USD", labels = LABELS): AgingSnapshot => ({ asOf, currency, labels, totals });

const JAN = snap(100, [1000, 500, 200]);
const FEB = snap(131, [1200, 400, 300]);
const MAR = snap(159, [800, 600, 350]);

describe("rollRates", () => {
  it("between two snapshots: next bucket later ÷ this bucket before", () => {
    // Current → 1–30: 400 / 1000 = 0.4;  1–30 → 30+: 300 / 500 = 0.6
    const r = rollRates([JAN, FEB]);
    expect(r.pairs).toBe(1);
    expect(r.rates).toEqual([0.4, 0.6]);
    // Suggested loss rates chain to the last bucket × its 80%: 0.4 × 0.6 × 0.8 = 0.192; 0.6 × 0.8 = 0.48; 0.8
    expect(r.suggestedLossRates).toEqual([0.192, 0.48, 0.8]);
  });

  it("pools three snapshots sum over sum, in date order whatever the input order", () => {
    // Current → 1–30: (400 + 600) / (1000 + 1200) = 0.454545… → 0.4545
    // 1–30 → 30+:     (300 + 350) / (500 + 400)   = 0.722222… → 0.7222
    // Suggested: 0.454545 × 0.722222 × 0.8 = 0.262626… → 0.2626; 0.722222 × 0.8 = 0.577777… → 0.5778
    const r = rollRates([MAR, JAN, FEB]);
    expect(r.pairs).toBe(2);
    expect(r.rates).toEqual([0.4545, 0.7222]);
    expect(r.suggestedLossRates).toEqual([0.2626, 0.5778, 0.8]);
  });

  it("chains to the last bucket's own loss rate when given", () => {
    // 0.4 × 0.6 × 0.5 = 0.12; 0.6 × 0.5 = 0.3
    expect(rollRates([JAN, FEB], 0.5).suggestedLossRates).toEqual([0.12, 0.3, 0.5]);
  });

  it("skips pairs of different currencies or buckets, and same-day pairs", () => {
    const eur = rollRates([JAN, snap(131, [1200, 400, 300], "EUR")]);
    expect(eur.pairs).toBe(0);
    expect(eur.rates).toEqual([null, null]);
    expect(eur.suggestedLossRates).toEqual([null, null, 0.8]);
    expect(rollRates([JAN, snap(131, [1200, 400, 300], "USD", ["Current", "1–60", "60+"])]).pairs).toBe(0);
    expect(rollRates([JAN, snap(100, [1, 2, 3])]).pairs).toBe(0);
    // A EUR snapshot between two USD ones breaks both pairs: only consecutive snapshots pair up.
    expect(rollRates([JAN, snap(120, [1, 2, 3], "EUR"), FEB]).pairs).toBe(0);
    // A mismatched one at the end leaves the matching pair.
    expect(rollRates([JAN, FEB, snap(159, [1, 2, 3], "EUR")]).rates).toEqual([0.4, 0.6]);
  });

  it("caps a roll rate at 100% and has none for an empty bucket", () => {
    // Current 100 → 1–30 300 later: capped at 1. 1–30 was 0: no rate, so no suggestion before it either.
    const r = rollRates([snap(1, [100, 0, 0]), snap(31, [0, 300, 50])]);
    expect(r.rates).toEqual([1, null]);
    expect(r.suggestedLossRates).toEqual([null, null, 0.8]);
  });

  it("ignores credit balances (negative totals)", () => {
    // Current −100 counts as 0 (no rate); 1–30 200 → 30+ −50 counts as 0 moved: 0.
    const r = rollRates([snap(1, [-100, 200, 0]), snap(31, [0, 80, -50])]);
    expect(r.rates).toEqual([null, 0]);
  });

  it("has nothing with fewer than two snapshots", () => {
    expect(rollRates([])).toEqual({ rates: [], suggestedLossRates: [], pairs: 0 });
    expect(rollRates([JAN])).toEqual({ rates: [null, null], suggestedLossRates: [null, null, 0.8], pairs: 0 });
  });
});
