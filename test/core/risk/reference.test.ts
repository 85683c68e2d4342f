import { isOpenAsOf } from "../../../src/core/aging/ageInvoices";
import { settledOn } from "../../../src/core/aging/balance";
import { ExactSum } from "../../../src/core/risk/exactSum";
import { customerFeatures, GRACE_DAYS, recencyWeight, type CustomerFeatures, type SettledInvoice } from "../../../src/core/risk/features";
import { RISK_FACTORS, scoreCustomers } from "../../../src/core/risk/score";
import type { InvoiceRecord } from "../../../src/core/types";
import { AS_OF, blankFeatures } from "./fixtures";

/**
 * The features as first written: a Map of records per customer and currency, the open position
 * summed term by term, the history as objects sorted with one comparison. customerFeatures keeps
 * none of this (typed arrays, plain sums checked for exactness, a shared history accessor) and
 * must give the same numbers, bit for bit, in the same order.
 */
function referenceFeatures(records: readonly InvoiceRecord[], asOf: number): CustomerFeatures[] {
  const groups = new Map<string, InvoiceRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.customer, r.currency ?? ""]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const share = (part: number, whole: number) => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0);
  const isCredit = (r: InvoiceRecord) => r.isCredit === true || r.amountMinor <= 0;
  const features = [...groups.values()].map((group): CustomerFeatures => {
    const sum = () => new ExactSum();
    const [open, overdue, openPositive, overduePositive, weightedDays, over90, disputed, promised] = [sum(), sum(), sum(), sum(), sum(), sum(), sum(), sum()];
    let openCount = 0;
    let oldest = 0;
    let openLate = 0;
    let disputedCount = 0;
    let broken = 0;
    let limit = -1;
    for (const r of group) {
      const l = r.creditLimitMinor;
      if (l !== undefined && Number.isFinite(l) && l >= 0 && l > limit) limit = l;
      if (!isOpenAsOf(r, asOf)) continue;
      const pastDue = asOf - r.dueDate;
      openCount++;
      open.add(r.openMinor);
      if (pastDue > 0) overdue.add(r.openMinor);
      if (!(r.openMinor > 0) || isCredit(r)) continue;
      openPositive.add(r.openMinor);
      if (r.disputed) {
        disputedCount++;
        disputed.add(r.openMinor);
      }
      if (r.promiseDate !== undefined && r.promiseDate < asOf) broken++;
      if (!(pastDue > 0)) continue;
      overduePositive.add(r.openMinor);
      weightedDays.add(r.openMinor * pastDue);
      if (pastDue > oldest) oldest = pastDue;
      if (pastDue > 90) over90.add(r.openMinor);
      if (pastDue > GRACE_DAYS) openLate++;
      if (r.promiseDate !== undefined && r.promiseDate >= asOf) promised.add(r.openMinor);
    }
    const history: SettledInvoice[] = [];
    for (const r of group) {
      if (isCredit(r) || r.openMinor > 0) continue;
      if (r.invoiceDate !== undefined && r.invoiceDate > asOf) continue;
      const settledDay = settledOn(r);
      if (settledDay === undefined || settledDay > asOf) continue;
      history.push({ invoice: r.invoice, dueDate: r.dueDate, settledDay, daysLate: settledDay - r.dueDate, weight: recencyWeight(r.dueDate, asOf) });
    }
    history.sort((a, b) => a.dueDate - b.dueDate || a.daysLate - b.daysLate || (a.invoice < b.invoice ? -1 : a.invoice > b.invoice ? 1 : 0));
    const n = history.length;
    const olderCount = Math.floor(n / 2);
    const [all, older, recent] = [sum(), sum(), sum()];
    history.forEach((h, i) => {
      all.add(h.daysLate);
      (i < olderCount ? older : recent).add(h.daysLate);
    });
    const paidLate = history.filter((h) => h.daysLate > GRACE_DAYS).length;
    const recentAvg = n > olderCount ? recent.total() / (n - olderCount) : null;
    const olderAvg = olderCount > 0 ? older.total() / olderCount : null;
    const creditLimitMinor = limit >= 0 ? limit : null;
    const openMinor = open.total();
    return blankFeatures(group[0].customer, {
      currency: group[0].currency ?? "",
      asOf,
      openMinor,
      openInvoices: openCount,
      overdueMinor: overdue.total(),
      overdueShare: share(overduePositive.total(), openPositive.total()),
      avgDaysPastDue: overduePositive.total() > 0 ? weightedDays.total() / overduePositive.total() : 0,
      oldestOverdueDays: oldest,
      over90Share: share(over90.total(), openPositive.total()),
      settledCount: n,
      avgDaysLate: n ? all.total() / n : null,
      paidLateShare: n ? paidLate / n : null,
      paidLateCount: paidLate,
      recentAvgDaysLate: recentAvg,
      olderAvgDaysLate: olderAvg,
      trendDays: recentAvg !== null && olderAvg !== null ? recentAvg - olderAvg : null,
      openLateCount: openLate,
      history,
      disputedCount,
      disputedMinor: disputed.total(),
      disputedShare: share(disputed.total(), openPositive.total()),
      brokenPromises: broken,
      promisedMinor: promised.total(),
      creditLimitMinor,
      creditUse: creditLimitMinor ? Math.max(0, openMinor) / creditLimitMinor : null,
      overLimit: creditLimitMinor !== null && openMinor > creditLimitMinor,
    });
  });
  features.sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  const totals = new Map<string, ExactSum>();
  for (const f of features) if (f.openMinor > 0) totals.set(f.currency, totals.get(f.currency) ?? new ExactSum()).get(f.currency)!.add(f.openMinor);
  for (const f of features) f.arShare = f.openMinor > 0 ? share(f.openMinor, totals.get(f.currency)?.total() ?? 0) : 0;
  return features;
}

/** Plain copies, history listed: what the score reads the slow way, from `history`. */
const plain = (features: readonly CustomerFeatures[]) => features.map((f) => ({ ...f }));

/** Every field as text, in key order, -0 and NaN told apart: equal text, equal bits. */
function bits(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "number" && (Object.is(v, -0) || !Number.isFinite(v)) ? `#${String(Object.is(v, -0) ? "-0" : v)}` : v));
}

/** A seeded ledger that reaches every branch: credits, disputes, promises, currencies, payments with reversals, undated payments, items issued after the day, odd limits and amounts. */
function randomLedger(seed: number, size: number, customers: number, days = 400): InvoiceRecord[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const names = Array.from({ length: customers }, (_, i) => pick(["Acme", "acme", " Acme ", "Beta", "Émile SA", "b", "10", `Name ${i}`, `Name ${i % 3}`]));
  return Array.from({ length: size }, (_, row): InvoiceRecord => {
    const dueDate = AS_OF - 300 + Math.floor(random() * days) + (random() < 0.02 ? 0.5 : 0);
    let amountMinor = random() < 0.02 ? 2 ** 52 + Math.floor(random() * 2 ** 40) : Math.floor(random() * 100_000) + (random() < 0.03 ? 0.25 : 0);
    if (random() < 0.05) amountMinor = -Math.floor(random() * 5000);
    const record: InvoiceRecord = { invoice: pick(["INV-", "inv-", ""]) + Math.floor(random() * size), customer: pick(names), dueDate, amountMinor, openMinor: amountMinor, source: { sheet: "Ledger" }, row: row + 2 };
    const kind = random();
    if (random() < 0.9) record.invoiceDate = random() < 0.05 ? AS_OF + 1 + Math.floor(random() * 9) : Math.floor(dueDate) - 30;
    if (random() < 0.5) record.currency = pick(["EUR", "USD", ""]);
    if (random() < 0.05) record.isCredit = true;
    if (kind < 0.35) {
      record.paidDate = Math.floor(dueDate) + Math.floor(random() * (days < 400 ? 3 : 60)) - 1;
      record.openMinor = record.paidDate <= AS_OF ? 0 : amountMinor;
    } else if (kind < 0.6) {
      const first = Math.floor(amountMinor * random());
      record.payments = [
        { day: Math.floor(dueDate) + Math.floor(random() * 40) - 10, minor: first },
        { day: Math.floor(dueDate) + Math.floor(random() * 40), minor: amountMinor - first },
      ];
      if (random() < 0.3) record.payments.push({ day: Math.floor(dueDate) + 20, minor: -first });
      record.openMinor = record.payments.reduce((open, p) => (p.day <= AS_OF ? open - p.minor : open), amountMinor);
    } else if (kind < 0.65) {
      record.undatedPaidMinor = Math.floor(amountMinor / 2);
      record.openMinor = amountMinor - record.undatedPaidMinor;
      if (random() < 0.5) record.paidDate = Math.floor(dueDate) + 5;
    }
    if (random() < 0.1) record.disputed = true;
    if (random() < 0.15) record.promiseDate = AS_OF + Math.floor(random() * 20) - 10;
    if (random() < 0.2) record.creditLimitMinor = pick([0, 50_000, 1e9, -5, NaN, Infinity]);
    return record;
  });
}

describe("customerFeatures against the straightforward reference", () => {
  it("gives the same features, history and scores on random ledgers, bit for bit", () => {
    for (let seed = 1; seed <= 40; seed++) {
      // Some ledgers crowd the due dates into a few days, so that histories tie on due date and
      // days late and the invoice number decides.
      const ledger = randomLedger(seed, seed < 30 ? 20 + seed * 5 : 2000, seed < 30 ? 3 + (seed % 7) : 40, seed % 3 === 0 ? 4 : 400);
      for (const asOf of [AS_OF, AS_OF - 120]) {
        const features = customerFeatures(ledger, asOf);
        const expected = referenceFeatures(ledger, asOf);
        // Scored first (the fast way, from the sums kept), then again from plain copies (the
        // slow way, from the listed history): both must match the reference's scores.
        const scores = bits(scoreCustomers(features, { concentration: 0.1 }).customers.map((c) => [c.exactScore, c.credibility, c.reasonText]));
        expect(bits(features)).toBe(bits(expected));
        expect(scores).toBe(bits(scoreCustomers(expected, { concentration: 0.1 }).customers.map((c) => [c.exactScore, c.credibility, c.reasonText])));
        expect(bits(scoreCustomers(plain(features)))).toBe(bits(scoreCustomers(expected)));
      }
    }
  });

  it("puts a large history in order, ties of due date and days late by invoice number, then row", () => {
    const rows = Array.from({ length: 300 }, (_, i): InvoiceRecord => {
      const dueDate = AS_OF - 100 + (i % 7);
      return { invoice: `INV-${(i * 37) % 50}`, customer: "Big", dueDate, amountMinor: 100, openMinor: 0, paidDate: dueDate + (i % 3), source: { sheet: "Ledger" }, row: i + 2 };
    });
    expect(bits(customerFeatures(rows, AS_OF))).toBe(bits(referenceFeatures(rows, AS_OF)));
  });

  it("sums open amounts that are not whole, or too large to add plainly, exactly", () => {
    const rows = [
      ["Fractions", 0.1],
      ["Fractions", 0.2],
      ["Fractions", 0.3],
      ["Large", 2 ** 53 - 1],
      ["Large", 2],
      ["Large", -2],
    ].map(([customer, openMinor], i): InvoiceRecord => ({ invoice: `I${i}`, customer: customer as string, dueDate: AS_OF - 5 - i, amountMinor: 2 ** 53, openMinor: openMinor as number, source: { sheet: "Ledger" }, row: i + 2 }));
    const features = customerFeatures(rows, AS_OF);
    expect(bits(features)).toBe(bits(referenceFeatures(rows, AS_OF)));
    expect(features.map((f) => f.openMinor)).toEqual([0.6, 2 ** 53 - 1]); // plain addition gives 0.6000000000000001 and 2^53 - 2
  });

  it("puts a short history in order, ties by invoice number", () => {
    const rows = ["I9", "I3", "I7", "I3", "I1"].map((invoice, i): InvoiceRecord => ({ invoice, customer: "Small", dueDate: AS_OF - 40, amountMinor: 100, openMinor: 0, paidDate: AS_OF - 38, source: { sheet: "Ledger" }, row: i + 2 }));
    expect(customerFeatures(rows, AS_OF)[0].history.map((h) => h.invoice)).toEqual(["I1", "I3", "I3", "I7", "I9"]);
    expect(bits(customerFeatures(rows, AS_OF))).toBe(bits(referenceFeatures(rows, AS_OF)));
  });
});

describe("features' history", () => {
  const ledger = randomLedger(7, 300, 6);

  it("lists every field in the order of the interface, history in its place", () => {
    expect(Object.keys(customerFeatures(ledger, AS_OF)[0])).toEqual(Object.keys(blankFeatures("x")));
  });

  it("still lists an earlier call's history after later calls on other ledgers", () => {
    const first = customerFeatures(ledger, AS_OF);
    customerFeatures(randomLedger(8, 5000, 50), AS_OF);
    customerFeatures([], AS_OF);
    expect(bits(first)).toBe(bits(referenceFeatures(ledger, AS_OF)));
  });

  it("lists the history as it was at the call, whatever becomes of the records afterwards", () => {
    const records = ledger.map((r) => ({ ...r }));
    const expected = bits(referenceFeatures(records, AS_OF));
    const features = customerFeatures(records, AS_OF);
    // The records change after the call, as a caller reusing its array might change them.
    records.forEach((r, i) => (records[i] = { ...r, invoice: `changed ${i}`, dueDate: r.dueDate + 7, paidDate: undefined, payments: undefined }));
    expect(bits(features)).toBe(expected);
    expect(bits(scoreCustomers(features))).toBe(bits(scoreCustomers(plain(referenceFeatures(ledger, AS_OF)))));
  });

  it("scores what the history says once it is replaced", () => {
    const features = customerFeatures(ledger, AS_OF);
    const withHistory = features.find((f) => f.settledCount > 1)!;
    withHistory.history = withHistory.history.map((h) => ({ ...h, daysLate: h.daysLate + 30 }));
    expect(bits(scoreCustomers(features))).toBe(bits(scoreCustomers(plain(features))));
    expect(scoreCustomers(features).customers.find((c) => c.features === withHistory)!.exactScore).toBeGreaterThan(
      scoreCustomers(customerFeatures(ledger, AS_OF)).customers.find((c) => c.customer === withHistory.customer && c.currency === withHistory.currency)!.exactScore,
    );
  });

  it("scores a slice or a reordering of the features as the features themselves", () => {
    const features = customerFeatures(ledger, AS_OF);
    const reversed = [...features].reverse();
    expect(bits(scoreCustomers(reversed))).toBe(bits(scoreCustomers(plain(features).reverse())));
  });
});

describe("contributions", () => {
  it("are ranked as the array sort ranks them, points that are not numbers included", () => {
    const odd = [NaN, Infinity, -0, 0.3];
    const features = odd.flatMap((overdueShare) => odd.map((arShare) => blankFeatures("X", { overdueShare, arShare, brokenPromises: 1, oldestOverdueDays: 40 })));
    for (const risk of scoreCustomers(features, { concentration: 0.2 }).customers) {
      const byFactor = RISK_FACTORS.map((factor) => risk.contributions.find((c) => c.factor === factor)!);
      const expected = byFactor
        .map((c, i) => ({ c, i }))
        .sort((a, b) => b.c.points - a.c.points || a.i - b.i)
        .map(({ c }) => c.factor);
      expect(risk.contributions.map((c) => c.factor)).toEqual(expected);
    }
  });
});
