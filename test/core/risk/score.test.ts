import fc from "fast-check";
import { customerFeatures } from "../../../src/core/risk/features";
import {
  CREDIBILITY_K,
  DEFAULT_WEIGHTS,
  FALLBACK_PRIOR,
  normaliseWeights,
  portfolioPrior,
  reasonText,
  RISK_FACTORS,
  riskTier,
  saturate,
  scoreCustomers,
  TIER_THRESHOLDS,
} from "../../../src/core/risk/score";
import type { InvoiceRecord } from "../../../src/core/types";
import { AS_OF, blankFeatures, inv } from "./fixtures";

/** A random ledger of three customers, every record consistent with AS_OF. */
const invoiceArb = fc.record({
  customer: fc.constantFrom("Acme", "Beta", "Coho"),
  dueOffset: fc.integer({ min: -400, max: 60 }),
  amount: fc.integer({ min: 1, max: 100000 }),
  /** Days late when settled (only if the payment day is on or before AS_OF); null: open. */
  paidLate: fc.option(fc.integer({ min: -30, max: 150 }), { nil: undefined }),
  promise: fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
  disputed: fc.boolean(),
  limit: fc.option(fc.integer({ min: 0, max: 300000 }), { nil: undefined }),
});
type Spec = typeof invoiceArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: readonly Spec[]): InvoiceRecord[] {
  return specs.map((s, i) => {
    const paidOffset = s.paidLate !== undefined && s.dueOffset + s.paidLate <= 0 ? s.dueOffset + s.paidLate : undefined;
    return inv(s.customer, `I${i}`, s.dueOffset, s.amount, {
      paidOffset,
      invoiceDate: AS_OF + Math.min(s.dueOffset - 30, 0),
      promiseDate: s.promise === undefined ? undefined : AS_OF + s.promise,
      disputed: s.disputed,
      creditLimitMinor: s.limit,
      source: { sheet: "Ledger" },
      row: i + 2,
    });
  });
}

const ledgerArb = fc.array(invoiceArb, { minLength: 1, maxLength: 30 });
const scoreOf = (records: readonly InvoiceRecord[], customer: string) =>
  scoreCustomers(customerFeatures(records, AS_OF)).customers.find((c) => c.customer === customer)!.exactScore;
const EPS = 1e-9;

describe("scoreCustomers: monotonic in bad behaviour", () => {
  it("paying any invoice later never lowers that customer's score", () => {
    fc.assert(
      fc.property(ledgerArb, fc.nat(), fc.integer({ min: 1, max: 120 }), (specs, pick, delay) => {
        const records = build(specs);
        const settled = records.filter((r) => r.openMinor === 0 && r.paidDate !== undefined);
        fc.pre(settled.length > 0);
        const target = settled[pick % settled.length];
        const later = Math.min(AS_OF, target.paidDate! + delay);
        const changed = records.map((r) => (r === target ? { ...r, paidDate: later } : r));
        expect(scoreOf(changed, target.customer)).toBeGreaterThanOrEqual(scoreOf(records, target.customer) - EPS);
      }),
    );
  });

  it("an open invoice falling further past due never lowers the score", () => {
    fc.assert(
      fc.property(ledgerArb, fc.nat(), fc.integer({ min: 1, max: 200 }), (specs, pick, days) => {
        const records = build(specs);
        const open = records.filter((r) => r.openMinor > 0);
        fc.pre(open.length > 0);
        const target = open[pick % open.length];
        const changed = records.map((r) => (r === target ? { ...r, dueDate: r.dueDate - days } : r));
        expect(scoreOf(changed, target.customer)).toBeGreaterThanOrEqual(scoreOf(records, target.customer) - EPS);
      }),
    );
  });

  it("more overdue amount, or another overdue invoice, never lowers the score", () => {
    fc.assert(
      fc.property(ledgerArb, fc.constantFrom("Acme", "Beta", "Coho"), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 100000 }), (specs, customer, pastDue, amount) => {
        const records = build(specs);
        const extra = inv(customer, "NEW", -pastDue, amount, { invoiceDate: AS_OF - pastDue - 30 });
        const changed = [...records, extra];
        const before = records.some((r) => r.customer === customer) ? scoreOf(records, customer) : -Infinity;
        expect(scoreOf(changed, customer)).toBeGreaterThanOrEqual(before - EPS);
        // The same amount added to an overdue invoice already there.
        const overdue = records.find((r) => r.customer === customer && r.openMinor > 0 && r.dueDate < AS_OF);
        if (overdue) {
          const bigger = records.map((r) => (r === overdue ? { ...r, amountMinor: r.amountMinor + amount, openMinor: r.openMinor + amount } : r));
          expect(scoreOf(bigger, customer)).toBeGreaterThanOrEqual(before - EPS);
        }
      }),
    );
  });

  it("another broken promise never lowers the score", () => {
    fc.assert(
      fc.property(ledgerArb, fc.nat(), (specs, pick) => {
        const records = build(specs);
        const open = records.filter((r) => r.openMinor > 0 && !(r.promiseDate !== undefined && r.promiseDate < AS_OF));
        fc.pre(open.length > 0);
        const target = open[pick % open.length];
        const changed = records.map((r) => (r === target ? { ...r, promiseDate: AS_OF - 1 } : r));
        expect(scoreOf(changed, target.customer)).toBeGreaterThanOrEqual(scoreOf(records, target.customer) - EPS);
      }),
    );
  });
});

describe("scoreCustomers: deterministic", () => {
  it("gives every customer the same score whatever the row order", () => {
    fc.assert(
      fc.property(ledgerArb.chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs.map((_, i) => i), { minLength: specs.length }))), ([specs, order]) => {
        const records = build(specs);
        const shuffled = order.map((i) => records[i]);
        const a = scoreCustomers(customerFeatures(records, AS_OF));
        const b = scoreCustomers(customerFeatures(shuffled, AS_OF));
        expect(b.customers.map((c) => [c.customer, c.exactScore, c.tier, c.reasonText])).toEqual(a.customers.map((c) => [c.customer, c.exactScore, c.tier, c.reasonText]));
        expect(b.prior).toEqual(a.prior);
      }),
    );
  });

  it("keeps every score within 0–100", () => {
    fc.assert(
      fc.property(ledgerArb, (specs) => {
        for (const c of scoreCustomers(customerFeatures(build(specs), AS_OF)).customers) {
          expect(c.exactScore).toBeGreaterThanOrEqual(0);
          expect(c.exactScore).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe("the prior", () => {
  // Acme: 4 invoices settled, 2 of them late; Beta: one invoice, not due yet, no history.
  const records = [
    inv("Acme", "A1", -100, 1000, { paidOffset: -90 }), // 10 days late
    inv("Acme", "A2", -80, 1000, { paidOffset: -80 }), //  on time
    inv("Acme", "A3", -40, 1000, { paidOffset: -10 }), //  30 days late
    inv("Acme", "A4", -20, 1000, { paidOffset: -22 }), //  2 days early
    inv("Beta", "B1", +10, 5000),
  ];
  const scores = scoreCustomers(customerFeatures(records, AS_OF));
  const beta = scores.customers.find((c) => c.customer === "Beta")!;

  it("is the portfolio's recency-weighted late share and days late", () => {
    const w = (due: number) => 0.5 ** (-due / 180);
    const weights = [w(-100), w(-80), w(-40), w(-20)];
    const total = weights.reduce((a, b) => a + b);
    expect(scores.prior.lateShare).toBeCloseTo((weights[0] + weights[2]) / total, 12);
    expect(scores.prior.daysLate).toBeCloseTo((10 * weights[0] + 30 * weights[2] - 2 * weights[3]) / total, 12);
    expect(scores.prior.observations).toBe(4);
  });

  it("puts a customer with no history and nothing past due exactly at the prior", () => {
    expect(beta.exactScore).toBe(scores.prior.score);
    expect(beta.credibility).toBe(0);
    const w = normaliseWeights();
    const expected = 100 * (w.lateShare * scores.prior.lateShare + (w.daysLate + w.recentLateness) * saturate(scores.prior.daysLate, 20));
    expect(beta.exactScore).toBeCloseTo(expected, 10);
    expect(beta.exactScore).toBeGreaterThan(0);
  });

  it("falls back to a stated base rate when the ledger has no history at all", () => {
    const prior = portfolioPrior(customerFeatures([inv("New", "N1", +10, 100)], AS_OF));
    expect(prior).toMatchObject({ lateShare: FALLBACK_PRIOR.lateShare, daysLate: FALLBACK_PRIOR.daysLate, observations: 0 });
  });

  it("shrinks a short history towards the prior by n / (n + k)", () => {
    // One invoice due 60 days ago (weight 0.5^(60/180)), paid 60 days late: late share (w + k p) / (w + k).
    const base = scoreCustomers(customerFeatures(records, AS_OF)).prior;
    const s = scoreCustomers(customerFeatures([...records, inv("Solo", "S2", -60, 1000, { paidOffset: 0 })], AS_OF));
    const solo = s.customers.find((c) => c.customer === "Solo")!;
    const sub = solo.contributions.find((c) => c.factor === "lateShare")!.subScore;
    expect(sub).toBeCloseTo((0.5 ** (60 / 180) + CREDIBILITY_K * s.prior.lateShare) / (0.5 ** (60 / 180) + CREDIBILITY_K), 12);
    expect(sub).toBeGreaterThan(base.lateShare);
    expect(sub).toBeLessThan(1);
  });
});

describe("tiers", () => {
  it("cuts at the stated thresholds", () => {
    expect(TIER_THRESHOLDS).toEqual({ medium: 25, high: 50, critical: 75 });
    expect([0, 24.9, 25, 49.9, 50, 74.9, 75, 100].map(riskTier)).toEqual(["Low", "Low", "Medium", "Medium", "High", "High", "Critical", "Critical"]);
  });
});

describe("weights", () => {
  it("default to weights summing to 1 and normalise what is given", () => {
    expect(RISK_FACTORS.reduce((s, f) => s + DEFAULT_WEIGHTS[f], 0)).toBeCloseTo(1, 12);
    const w = normaliseWeights({ lateShare: 2, daysLate: 0, recentLateness: 0, overdueShare: 2, overdueDays: 0, brokenPromises: 0, disputes: 0, creditUse: 0, concentration: 0 });
    expect(w.lateShare).toBe(0.5);
    expect(w.overdueShare).toBe(0.5);
  });

  it("refuse negative, infinite and all-zero weights", () => {
    expect(() => normaliseWeights({ lateShare: -1 })).toThrow(/Invoices paid late/);
    expect(() => normaliseWeights({ daysLate: Infinity })).toThrow(RangeError);
    expect(() => normaliseWeights({ daysLate: NaN })).toThrow(RangeError);
    expect(() => normaliseWeights(Object.fromEntries(RISK_FACTORS.map((f) => [f, 0])))).toThrow(/at least one/i);
  });

  it("change the score as asked: all weight on overdue share makes the score the overdue %", () => {
    const only = Object.fromEntries(RISK_FACTORS.map((f) => [f, f === "overdueShare" ? 1 : 0]));
    const f = blankFeatures("X", { overdueShare: 0.62, openMinor: 100, overdueMinor: 62 });
    expect(scoreCustomers([f], only).customers[0].exactScore).toBeCloseTo(62, 10);
  });
});

describe("reasons", () => {
  const prior = { lateShare: 0.4, daysLate: 6, observations: 10, score: 20 };

  it("say each factor in plain words", () => {
    const f = blankFeatures("X", {
      overdueShare: 0.62,
      settledCount: 10,
      paidLateCount: 6,
      openLateCount: 2,
      avgDaysLate: 18.2,
      recentAvgDaysLate: 25,
      trendDays: 12,
      brokenPromises: 2,
      oldestOverdueDays: 120,
      over90Share: 0.3,
      disputedCount: 1,
      disputedShare: 0.15,
      creditLimitMinor: 1000,
      creditUse: 1.2,
      arShare: 0.18,
    });
    expect(reasonText("overdueShare", f, prior)).toBe("62% overdue");
    expect(reasonText("daysLate", f, prior)).toBe("pays 18 days late on average");
    expect(reasonText("brokenPromises", f, prior)).toBe("2 broken promises");
    expect(reasonText("lateShare", f, prior)).toBe("8 of 12 invoices late (2 still open)");
    expect(reasonText("recentLateness", f, prior)).toBe("recent invoices paid 25 days late (12 days later than before)");
    expect(reasonText("overdueDays", f, prior)).toBe("oldest overdue item 120 days past due (30% over 90 days)");
    expect(reasonText("disputes", f, prior)).toBe("1 disputed invoice (15% of the balance)");
    expect(reasonText("creditUse", f, prior)).toBe("at 120% of the credit limit");
    expect(reasonText("concentration", f, prior)).toBe("18% of all receivables");
    expect(reasonText("lateShare", blankFeatures("New"), prior)).toBe("no payment history yet (portfolio: 40% of invoices late)");
  });

  it("are the top three contributions, largest first", () => {
    const records = [
      inv("Late", "L1", -200, 1000, { paidOffset: -160 }),
      inv("Late", "L2", -150, 1000, { paidOffset: -100 }),
      inv("Late", "L3", -100, 1000, { paidOffset: -40 }),
      inv("Late", "L4", -60, 5000, { promiseDate: AS_OF - 20 }),
      inv("Late", "L5", -50, 5000, { promiseDate: AS_OF - 10 }),
      inv("Late", "L6", +20, 4000, { invoiceDate: AS_OF - 10 }),
    ];
    const late = scoreCustomers(customerFeatures(records, AS_OF)).customers[0];
    const top = late.contributions.slice(0, 3);
    for (let i = 1; i < late.contributions.length; i++) expect(late.contributions[i - 1].points).toBeGreaterThanOrEqual(late.contributions[i].points);
    expect(late.reasons).toEqual(top.map((c) => reasonText(c.factor, late.features, scoreCustomers(customerFeatures(records, AS_OF)).prior)));
    expect(late.reasonText).toBe(late.reasons.join("; "));
    // Every invoice paid or open is 40+ days late: the history leads.
    expect(late.reasonText).toMatch(/^5 of 5 invoices late \(2 still open\); /);
    expect(late.tier).toBe(riskTier(late.score));
  });

  it("say so when nothing is wrong", () => {
    const f = blankFeatures("Good");
    const none = scoreCustomers([f], Object.fromEntries(RISK_FACTORS.map((x) => [x, x === "overdueShare" ? 1 : 0])));
    expect(none.customers[0].reasonText).toBe("nothing overdue and pays on time");
  });
});
