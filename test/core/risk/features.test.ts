import { exactSum } from "../../../src/core/risk/exactSum";
import { customerFeatures, FEATURE_LABELS, GRACE_DAYS, recencyWeight } from "../../../src/core/risk/features";
import type { InvoiceRecord } from "../../../src/core/types";
import { AS_OF, inv } from "./fixtures";

// Acme (no currency), as of AS_OF. Days past due = AS_OF − due date.
const LEDGER: InvoiceRecord[] = [
  // Settled history: paid in two parts, the last 10 days after the due date → 10 days late.
  inv("Acme", "A1", -100, 10000, { payments: [{ day: AS_OF - 95, minor: 6000 }, { day: AS_OF - 90, minor: 4000 }], openMinor: 0 }),
  inv("Acme", "A2", -60, 20000, { paidOffset: -62 }), //   2 days early → −2
  inv("Acme", "A3", -30, 20000, { paidOffset: -28 }), //   2 days late: within the grace → not late
  // Paid after the as-of date: open as of AS_OF, 20 days past due, with a promise not yet due.
  inv("Acme", "A4", -20, 5000, { payments: [{ day: AS_OF + 10, minor: 5000 }], openMinor: 5000, promiseDate: AS_OF + 3 }),
  inv("Acme", "A5", -100, 15000, { promiseDate: AS_OF - 5, creditLimitMinor: 50000 }), // 100 days, promise broken
  inv("Acme", "A6", +10, 30000, { creditLimitMinor: 40000 }), //                          not yet due
  inv("Acme", "A7", -2, 10000, { disputed: true }), //                                    2 days, disputed
  inv("Acme", "A8", -10, -2000, { isCredit: true }), //                                   past-due credit note
  inv("Acme", "A9", +40, 9999, { invoiceDate: AS_OF + 5, openMinor: 0 }), //              issued after AS_OF
  inv("Beta", "B1", +5, 20000), //                                                        one invoice, not due
  inv("Acme", "E1", -5, 1000, { currency: "EUR" }), //                                    Acme in EUR
];

describe("customerFeatures on a hand-computed ledger", () => {
  const features = customerFeatures(LEDGER, AS_OF);
  const acme = features.find((f) => f.customer === "Acme" && f.currency === "")!;
  const beta = features.find((f) => f.customer === "Beta")!;
  const acmeEur = features.find((f) => f.customer === "Acme" && f.currency === "EUR")!;

  it("groups by customer and currency, sorted by customer then currency", () => {
    expect(features.map((f) => [f.customer, f.currency])).toEqual([
      ["Acme", ""],
      ["Acme", "EUR"],
      ["Beta", ""],
    ]);
  });

  it("totals the open balance net of credits, and the overdue balance as the aging does", () => {
    // Open: A4 5000 + A5 15000 + A6 30000 + A7 10000 − A8 2000 = 58000 (A9 not issued yet)
    expect(acme.openMinor).toBe(58000);
    expect(acme.openInvoices).toBe(5);
    // Past due: 5000 + 15000 + 10000 − 2000
    expect(acme.overdueMinor).toBe(28000);
  });

  it("takes the overdue share of the open invoices, credit notes left out", () => {
    // (5000 + 15000 + 10000) / (5000 + 15000 + 30000 + 10000) = 30000 / 60000
    expect(acme.overdueShare).toBe(0.5);
  });

  it("weights days past due by open amount over the overdue invoices", () => {
    // (5000 × 20 + 15000 × 100 + 10000 × 2) / 30000 = 1,620,000 / 30000 = 54
    expect(acme.avgDaysPastDue).toBe(54);
    expect(acme.oldestOverdueDays).toBe(100);
  });

  it("gives the share more than 90 days past due", () => {
    expect(acme.over90Share).toBe(15000 / 60000);
  });

  it("builds the payment history from invoices settled on or before the as-of date", () => {
    expect(acme.history.map((h) => [h.invoice, h.daysLate])).toEqual([
      ["A1", 10],
      ["A2", -2],
      ["A3", 2],
    ]);
    expect(acme.history[0].settledDay).toBe(AS_OF - 90);
    expect(acme.history[0].weight).toBeCloseTo(0.5 ** (100 / 180), 12);
    expect(acme.settledCount).toBe(3);
    expect(acme.avgDaysLate).toBeCloseTo(10 / 3, 12); // (10 − 2 + 2) / 3
    expect(GRACE_DAYS).toBe(3);
    expect(acme.paidLateCount).toBe(1); // only A1 is more than 3 days late
    expect(acme.paidLateShare).toBeCloseTo(1 / 3, 12);
  });

  it("compares the recent half of the history with the older half", () => {
    // Older: [A1 10]; recent: [A2 −2, A3 2] → 0; trend 0 − 10 = −10 (paying sooner)
    expect(acme.olderAvgDaysLate).toBe(10);
    expect(acme.recentAvgDaysLate).toBe(0);
    expect(acme.trendDays).toBe(-10);
  });

  it("counts open invoices late beyond the grace", () => {
    expect(acme.openLateCount).toBe(2); // A4 (20 days) and A5 (100); A7 is 2 days past due
  });

  it("counts disputes and their amount", () => {
    expect([acme.disputedCount, acme.disputedMinor]).toEqual([1, 10000]);
    expect(acme.disputedShare).toBeCloseTo(1 / 6, 12);
  });

  it("counts broken promises and the amount under a promise not yet due", () => {
    expect(acme.brokenPromises).toBe(1); // A5: promised 5 days ago, still open
    expect(acme.promisedMinor).toBe(5000); // A4: promised in 3 days
  });

  it("measures credit use against the largest known limit", () => {
    expect(acme.creditLimitMinor).toBe(50000);
    expect(acme.creditUse).toBeCloseTo(58000 / 50000, 12);
    expect(acme.overLimit).toBe(true);
    expect(beta.creditLimitMinor).toBeNull();
    expect(beta.creditUse).toBeNull();
    expect(beta.overLimit).toBe(false);
  });

  it("gives each customer's share of its currency's receivables", () => {
    expect(acme.arShare).toBeCloseTo(58000 / 78000, 12);
    expect(beta.arShare).toBeCloseTo(20000 / 78000, 12);
    expect(acmeEur.arShare).toBe(1);
  });

  it("gives a customer with one invoice not yet due no history and nothing overdue", () => {
    expect(beta).toMatchObject({
      openMinor: 20000,
      overdueMinor: 0,
      overdueShare: 0,
      avgDaysPastDue: 0,
      oldestOverdueDays: 0,
      settledCount: 0,
      avgDaysLate: null,
      paidLateShare: null,
      recentAvgDaysLate: null,
      trendDays: null,
      openLateCount: 0,
    });
  });

  it("ignores payments dated after the as-of date", () => {
    const earlier = customerFeatures(LEDGER.map((r) => ({ ...r })), AS_OF - 91);
    const acmeThen = earlier.find((f) => f.customer === "Acme" && f.currency === "")!;
    // On AS_OF − 91, A1 was part paid (6000 on AS_OF − 95) and not settled: no history yet.
    expect(acmeThen.settledCount).toBe(0);
  });

  it("names every feature for display", () => {
    expect(FEATURE_LABELS.overdueShare).toBe("Overdue %");
    expect(FEATURE_LABELS.brokenPromises).toBe("Broken promises");
    for (const label of Object.values(FEATURE_LABELS)) expect(label.length).toBeGreaterThan(0);
  });
});

describe("helpers", () => {
  it("halves an invoice's weight every 180 days and never weighs one above 1", () => {
    expect(recencyWeight(AS_OF, AS_OF)).toBe(1);
    expect(recencyWeight(AS_OF - 180, AS_OF)).toBe(0.5);
    expect(recencyWeight(AS_OF + 30, AS_OF)).toBe(1);
  });

  it("sums in an order that does not depend on the input order", () => {
    expect(exactSum([0.1, 0.2, 0.3])).toBe(exactSum([0.3, 0.1, 0.2]));
    expect(exactSum([2 ** 53, 1, 1, -(2 ** 53)])).toBe(2);
    expect(exactSum([])).toBe(0);
  });
});
