import fc from "fast-check";
import { ageInvoices, ageLedger, agingDays, daysPastDue, type AgingReport, type LedgerAging } from "../../../src/core/aging/ageInvoices";
import { openOn } from "../../../src/core/aging/balance";
import { makeBuckets } from "../../../src/core/aging/buckets";
import type { AgingBasis, InvoiceRecord, Payment } from "../../../src/core/types";

/** 2026-03-31. */
const AS_OF = 20543;
const RUNS = { numRuns: 300 };

/**
 * Records with dated payments; openMinor is the balance as of AS_OF, worked out here the way the
 * loader does (amount less payments dated on or before the as-of date), independently of the code.
 */
const paymentArb = fc.record({ day: fc.integer({ min: AS_OF - 400, max: AS_OF + 60 }), minor: fc.integer({ min: 1, max: 500_000 }) });
const recordArb = fc
  .record({
    customer: fc.constantFrom("Acme", "Beta", "Coho", "Dune", "Échelle"),
    currency: fc.constantFrom<string | undefined>("EUR", "JPY", "USD", undefined),
    invoiceOffset: fc.option(fc.integer({ min: -400, max: 40 }), { nil: undefined }),
    terms: fc.integer({ min: 0, max: 90 }),
    amount: fc.integer({ min: -200_000, max: 2_000_000 }),
    payments: fc.array(paymentArb, { maxLength: 3 }),
    disputed: fc.boolean(),
  })
  .map((r): Omit<InvoiceRecord, "invoice" | "source" | "row"> => {
    const invoiceDate = r.invoiceOffset === undefined ? undefined : AS_OF + r.invoiceOffset;
    const payments: Payment[] = r.amount > 0 ? r.payments : [];
    const paid = payments.filter((p) => p.day <= AS_OF).reduce((s, p) => s + p.minor, 0);
    return {
      customer: r.customer,
      currency: r.currency,
      invoiceDate,
      dueDate: (invoiceDate ?? AS_OF - 30) + r.terms,
      amountMinor: r.amount,
      openMinor: r.amount - paid,
      payments,
      disputed: r.disputed || undefined,
      isCredit: r.amount < 0 || undefined,
    };
  });
const ledgerArb = fc
  .array(recordArb, { maxLength: 40 })
  .map((list) => list.map((r, i): InvoiceRecord => ({ ...r, invoice: `INV-${i + 1}`, source: { sheet: "Ledger" }, row: i + 2 })));
const boundsArb = fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 6 });
const basisArb = fc.constantFrom<AgingBasis>("due", "invoice");

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const isOpen = (r: InvoiceRecord, asOf: number) => r.openMinor !== 0 && (r.invoiceDate === undefined || r.invoiceDate <= asOf);

/** Bucket totals per currency and customer (and per currency overall), absent ones reading 0. */
function bucketMap(ledger: LedgerAging): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const report of ledger.currencies) {
    map.set(`${report.currency}|*`, report.totals);
    for (const c of report.customers) map.set(`${report.currency}|${c.customer}`, c.buckets);
  }
  return map;
}

function checkReport(report: AgingReport, records: readonly InvoiceRecord[]) {
  // Per customer: the buckets add up to the total.
  for (const c of report.customers) expect(sum(c.buckets)).toBe(c.total);
  // Overall: per-bucket totals are the column sums and add up to the grand total.
  report.totals.forEach((t, i) => expect(t).toBe(sum(report.customers.map((c) => c.buckets[i]))));
  expect(sum(report.totals)).toBe(report.grandTotal);
  expect(sum(report.customers.map((c) => c.total))).toBe(report.grandTotal);
  // And the grand total is the open balance of the records, computed independently.
  const mine = records.filter((r) => (r.currency ?? "") === report.currency && isOpen(r, report.asOf));
  expect(report.grandTotal).toBe(sum(mine.map((r) => r.openMinor)));
  expect(report.openInvoices).toBe(mine.length);
  expect(sum(report.items.map((i) => i.record.openMinor))).toBe(report.grandTotal);
}

describe("aging properties", () => {
  it("the buckets add up to the total open, per customer, per currency and overall", () => {
    fc.assert(
      fc.property(ledgerArb, boundsArb, basisArb, (records, bounds, basis) => {
        const ledger = ageLedger(records, { asOf: AS_OF, basis, buckets: makeBuckets(bounds, basis) });
        for (const report of ledger.currencies) checkReport(report, records);
        // No currency's amounts end up in another's report.
        const currencies = ledger.currencies.map((c) => c.currency);
        expect(new Set(currencies).size).toBe(currencies.length);
        for (const report of ledger.currencies) for (const item of report.items) expect(item.record.currency ?? "").toBe(report.currency);
      }),
      RUNS,
    );
  });

  it("paying part of a positive invoice (open balance toward 0) never raises any bucket total", () => {
    fc.assert(
      fc.property(ledgerArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), boundsArb, basisArb, (records, pick, share, bounds, basis) => {
        const positive = records.map((r, i) => [r, i] as const).filter(([r]) => r.openMinor > 0);
        fc.pre(positive.length > 0);
        const [target, index] = positive[pick % positive.length];
        const paid = records.map((r, i) => (i === index ? { ...r, openMinor: Math.floor(target.openMinor * share) } : r));
        const buckets = makeBuckets(bounds, basis);
        const before = bucketMap(ageLedger(records, { asOf: AS_OF, basis, buckets }));
        const after = bucketMap(ageLedger(paid, { asOf: AS_OF, basis, buckets }));
        for (const [key, amounts] of after) {
          const old = before.get(key) ?? amounts.map(() => 0);
          amounts.forEach((amount, i) => expect(amount).toBeLessThanOrEqual(old[i]));
        }
      }),
      RUNS,
    );
  });

  it("adding a payment dated on or before the as-of date never raises the balance or a bucket; one dated after changes nothing", () => {
    fc.assert(
      fc.property(ledgerArb, fc.nat(), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (records, pick, daysBefore, daysAfter, share) => {
        const positive = records.map((r, i) => [r, i] as const).filter(([r]) => r.openMinor > 0 && (r.invoiceDate ?? 0) <= AS_OF);
        fc.pre(positive.length > 0);
        const [target, index] = positive[pick % positive.length];
        const minor = Math.max(1, Math.floor(target.openMinor * share));
        const early: Payment = { day: AS_OF - daysBefore + 1, minor };
        const late: Payment = { day: AS_OF + daysAfter, minor };
        // The balance as of the day, from the payments: lower with the early payment, the same with the late one.
        const withEarly = { ...target, payments: [...(target.payments ?? []), early] };
        const withLate = { ...target, payments: [...(target.payments ?? []), late] };
        expect(openOn(target, AS_OF)).toBe(target.openMinor);
        expect(openOn(withEarly, AS_OF)).toBe(target.openMinor - minor);
        expect(openOn(withLate, AS_OF)).toBe(target.openMinor);
        // The aging with the balances the payments give.
        const buckets = makeBuckets();
        const asAged = (r: InvoiceRecord) => ({ ...r, openMinor: openOn(r, AS_OF) });
        const before = bucketMap(ageLedger(records, { asOf: AS_OF, buckets }));
        const afterEarly = bucketMap(ageLedger(records.map((r, i) => (i === index ? asAged(withEarly) : r)), { asOf: AS_OF, buckets }));
        const afterLate = bucketMap(ageLedger(records.map((r, i) => (i === index ? asAged(withLate) : r)), { asOf: AS_OF, buckets }));
        for (const [key, amounts] of afterEarly) {
          const old = before.get(key) ?? amounts.map(() => 0);
          amounts.forEach((amount, i) => expect(amount).toBeLessThanOrEqual(old[i]));
        }
        expect(afterLate).toEqual(before);
      }),
      RUNS,
    );
  });

  it("an invoice's days past due grow one for one with the as-of date", () => {
    fc.assert(
      fc.property(recordArb, fc.integer({ min: -500, max: 500 }), fc.integer({ min: 0, max: 400 }), (partial, shift, k) => {
        const record: InvoiceRecord = { ...partial, invoice: "X", source: { sheet: "S" }, row: 2 };
        const day = AS_OF + shift;
        expect(daysPastDue(record, day + k)).toBe(daysPastDue(record, day) + k);
        for (const basis of ["due", "invoice"] as const) expect(agingDays(record, day + k, basis)).toBe(agingDays(record, day, basis) + k);
        expect(daysPastDue(record, record.dueDate)).toBe(0);
      }),
    );
  });

  it("in a report, each open item's days grow by k when the as-of date moves k days later, and its bucket never gets younger", () => {
    fc.assert(
      fc.property(ledgerArb, fc.integer({ min: 0, max: 200 }), basisArb, (records, k, basis) => {
        const buckets = makeBuckets(undefined, basis);
        const now = ageInvoices(records, { asOf: AS_OF, basis, buckets });
        const later = ageInvoices(records, { asOf: AS_OF + k, basis, buckets });
        const laterByInvoice = new Map(later.items.map((i) => [i.record.invoice, i]));
        for (const item of now.items) {
          const moved = laterByInvoice.get(item.record.invoice)!;
          expect(moved).toBeDefined(); // still open (open balances are fixed in this test)
          expect(moved.days).toBe(item.days + k);
          expect(moved.bucket).toBeGreaterThanOrEqual(item.bucket);
        }
      }),
      RUNS,
    );
  });

  it("the order of the rows changes nothing", () => {
    fc.assert(
      fc.property(
        ledgerArb.chain((records) => fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }))),
        basisArb,
        ([records, shuffled], basis) => {
          const options = { asOf: AS_OF, basis, buckets: makeBuckets([30, 60, 90], basis) };
          expect(ageLedger(shuffled, options)).toEqual(ageLedger(records, options));
          expect(ageLedger([...records].reverse(), options)).toEqual(ageLedger(records, options));
        },
      ),
      RUNS,
    );
  });
});

describe("item order", () => {
  // Names that differ by case and accents only, names written two ways that compare equal
  // ("É" as one character or as E and an accent), and invoice numbers that tie on days.
  const names = fc.constantFrom("acme", "Acme", "ACME", "Échelle", "E\u0301chelle", "echelle", "Beta", "beta ", "Zulu", "ångström");
  it("is by customer as localeCompare orders names, then oldest first, then invoice and row", () => {
    fc.assert(
      fc.property(ledgerArb, fc.array(names, { minLength: 40, maxLength: 40 }), fc.array(fc.constantFrom("A-1", "a-1", "B-2", "INV-10", "INV-9"), { minLength: 40, maxLength: 40 }), (ledger, customers, numbers) => {
        const records = ledger.map((r, i) => ({ ...r, customer: customers[i], invoice: numbers[i] }));
        const { items } = ageInvoices(records, { asOf: AS_OF });
        const expected = [...items].sort(
          (a, b) =>
            a.record.customer.localeCompare(b.record.customer) || b.days - a.days || a.record.invoice.localeCompare(b.record.invoice) || a.record.row - b.record.row,
        );
        expect(items.map((i) => i.record.row)).toEqual(expected.map((i) => i.record.row));
      }),
      RUNS,
    );
  });
});
