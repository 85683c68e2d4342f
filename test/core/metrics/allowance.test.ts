import type { AgingReport, CustomerAging } from "../../../src/core/aging/ageInvoices";
import { makeBuckets } from "../../../src/core/aging/buckets";
import { allowanceFor, DEFAULT_LOSS_RATES, lossRatesFor } from "../../../src/core/metrics/allowance";

function customer(name: string, buckets: number[]): CustomerAging {
  const total = buckets.reduce((s, b) => s + b, 0);
  return { customer: name, currency: "EUR", buckets, total, overdue: total - buckets[0], credits: 0, disputed: 0, openInvoices: 1, oldestDays: 0 };
}

function report(customers: CustomerAging[], bounds?: number[]): AgingReport {
  const buckets = makeBuckets(bounds);
  const totals = buckets.map((_, i) => customers.reduce((s, c) => s + c.buckets[i], 0));
  return { asOf: 20543, basis: "due", currency: "EUR", digits: 2, buckets, customers, totals, grandTotal: totals.reduce((s, t) => s + t, 0), openInvoices: customers.length, items: [] };
}

describe("lossRatesFor", () => {
  it("defaults to DESIGN.md's 1%, 3%, 8%, 20%, 40%, 80%", () => {
    expect(DEFAULT_LOSS_RATES).toEqual([0.01, 0.03, 0.08, 0.2, 0.4, 0.8]);
    expect(lossRatesFor(6)).toEqual([0.01, 0.03, 0.08, 0.2, 0.4, 0.8]);
  });

  it("gives extra buckets the last rate and cuts the list for fewer buckets", () => {
    expect(lossRatesFor(8)).toEqual([0.01, 0.03, 0.08, 0.2, 0.4, 0.8, 0.8, 0.8]);
    expect(lossRatesFor(3)).toEqual([0.01, 0.03, 0.08]);
    expect(lossRatesFor(4, [0.05, 0.5])).toEqual([0.05, 0.5, 0.5, 0.5]);
  });
});

describe("allowanceFor", () => {
  it("applies the default rates bucket by bucket", () => {
    // 100.00 × 1% = 1.00; 200.00 × 3% = 6.00; 300.00 × 8% = 24.00; 400.00 × 20% = 80.00;
    // 500.00 × 40% = 200.00; 600.00 × 80% = 480.00 → 791.00
    const a = allowanceFor(report([customer("Acme", [10000, 20000, 30000, 40000, 50000, 60000])]));
    expect(a.rates).toEqual(DEFAULT_LOSS_RATES);
    expect(a.byBucket).toEqual([100, 600, 2400, 8000, 20000, 48000]);
    expect(a.byCustomer).toEqual([{ customer: "Acme", allowance: 79100 }]);
    expect(a.total).toBe(79100);
  });

  it("uses custom rates", () => {
    // 0% of 100.00, 10% of 200.00 = 20.00, 50% of 300.00 = 150.00 and of the rest: 200.00 + 250.00 + 300.00
    const a = allowanceFor(report([customer("Acme", [10000, 20000, 30000, 40000, 50000, 60000])]), [0, 0.1, 0.5]);
    expect(a.rates).toEqual([0, 0.1, 0.5, 0.5, 0.5, 0.5]);
    expect(a.byBucket).toEqual([0, 2000, 15000, 20000, 25000, 30000]);
    expect(a.total).toBe(92000);
  });

  it("gives custom extra buckets the last rate", () => {
    // Buckets Current, 1–30, 31–60, 61–90, 91–120, 121–180, 180+: the last two take 80%.
    const a = allowanceFor(report([customer("Acme", [0, 0, 0, 0, 0, 1000, 2000])], [30, 60, 90, 120, 180]));
    expect(a.rates).toEqual([0.01, 0.03, 0.08, 0.2, 0.4, 0.8, 0.8]);
    expect(a.byBucket).toEqual([0, 0, 0, 0, 0, 800, 1600]);
    expect(a.total).toBe(2400);
  });

  it("rounds each customer's provision to the cent, so bucket, customer and total sums agree exactly", () => {
    // In cents — Acme: 149 × 1% = 1.49 → 1; 50 × 3% = 1.5 → 2 (half up); 1234 × 80% = 987.2 → 987
    //            Beta: 150 × 1% = 1.5 → 2; 33 × 80% = 26.4 → 26
    const a = allowanceFor(
      report([customer("Acme", [149, 50, 0, 0, 0, 1234]), customer("Beta", [150, 0, 0, 0, 0, 33])]),
    );
    expect(a.byCustomer).toEqual([
      { customer: "Acme", allowance: 1 + 2 + 987 },
      { customer: "Beta", allowance: 2 + 26 },
    ]);
    expect(a.byBucket).toEqual([1 + 2, 2, 0, 0, 0, 987 + 26]);
    expect(a.total).toBe(1018);
    expect(a.byBucket.reduce((s, v) => s + v, 0)).toBe(a.total);
    expect(a.byCustomer.reduce((s, c) => s + c.allowance, 0)).toBe(a.total);
  });

  it("lets a customer's credit lower a bucket's allowance, never below zero", () => {
    // Acme's 1–30 holds −500.00 net: no provision there (not −15.00); its 31–60 300.00 × 8% = 24.00.
    const a = allowanceFor(report([customer("Acme", [0, -50000, 30000, 0, 0, 0]), customer("Beta", [0, 10000, 0, 0, 0, 0])]));
    expect(a.byCustomer).toEqual([
      { customer: "Acme", allowance: 2400 },
      { customer: "Beta", allowance: 300 },
    ]);
    expect(a.byBucket).toEqual([0, 300, 2400, 0, 0, 0]);
    expect(a.total).toBe(2700);
  });

  it("is zero for an empty aging", () => {
    const a = allowanceFor(report([]));
    expect(a).toEqual({ rates: DEFAULT_LOSS_RATES, byBucket: [0, 0, 0, 0, 0, 0], byCustomer: [], total: 0 });
  });
});
