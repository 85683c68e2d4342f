import fc from "fast-check";
import { ageInvoices, ageLedger, agingDays, isOpenAsOf, recordsByCurrency, type AgedItem, type AgingOptions, type AgingReport, type CustomerAging, type LedgerAging } from "../../../src/core/aging/ageInvoices";
import { bucketIndex, makeBuckets } from "../../../src/core/aging/buckets";
import { compareText } from "../../../src/core/compareText";
import { minorDigits } from "../../../src/core/parse/money";
import type { AgingBasis, InvoiceRecord } from "../../../src/core/types";

/**
 * The aging as first written: an object per item as records are read, a Set of currencies, every
 * customer name sorted with the collator and each customer's items sorted as objects.
 * ageInvoices and ageLedger keep none of this (columns, counting sorts, names presorted by
 * lower-case text, a single pass for a one-currency ledger) and must give the same reports, in
 * the same order, to the bit, the same records in the items, and the same errors.
 */
function referenceSortItems(items: readonly AgedItem[], customerOf: Int32Array, customers: readonly string[]): AgedItem[] {
  const order = customers.map((_, i) => i).sort((a, b) => compareText(customers[a], customers[b]));
  const rank = new Int32Array(customers.length);
  let current = 0;
  order.forEach((c, i) => (rank[c] = i > 0 && compareText(customers[order[i - 1]], customers[c]) !== 0 ? ++current : current));
  const starts = new Int32Array(current + 2);
  for (let i = 0; i < items.length; i++) starts[rank[customerOf[i]] + 1]++;
  for (let r = 0; r <= current; r++) starts[r + 1] += starts[r];
  const next = starts.slice(0, current + 1);
  const sorted = new Array<AgedItem>(items.length);
  for (let i = 0; i < items.length; i++) sorted[next[rank[customerOf[i]]]++] = items[i];
  const byAge = (a: AgedItem, b: AgedItem) => b.days - a.days || compareText(a.record.invoice, b.record.invoice) || a.record.row - b.record.row;
  for (let r = 0; r <= current; r++) {
    if (starts[r + 1] - starts[r] < 2) continue;
    const group = sorted.slice(starts[r], starts[r + 1]).sort(byAge);
    for (let i = 0; i < group.length; i++) sorted[starts[r] + i] = group[i];
  }
  return sorted;
}

function referenceAgeInvoices(records: readonly InvoiceRecord[], options: AgingOptions): AgingReport {
  const basis = options.basis ?? "due";
  const buckets = options.buckets ?? makeBuckets(undefined, basis);
  const { asOf } = options;
  const byCustomer = new Map<string, number>();
  const totals = new Array<number>(buckets.length).fill(0);
  const items: AgedItem[] = [];
  const rows: CustomerAging[] = [];
  const customerOf = new Int32Array(records.length);
  const currencies = new Set<string>();
  for (const record of records) {
    if (!isOpenAsOf(record, asOf)) continue;
    const days = agingDays(record, asOf, basis);
    const index = bucketIndex(days, buckets);
    const currency = record.currency ?? "";
    currencies.add(currency);
    let at = byCustomer.get(record.customer);
    if (at === undefined) {
      at = rows.length;
      rows.push({ customer: record.customer, currency, buckets: new Array<number>(buckets.length).fill(0), total: 0, overdue: 0, credits: 0, disputed: 0, openInvoices: 0, oldestDays: days });
      byCustomer.set(record.customer, at);
    }
    const row = rows[at];
    const open = record.openMinor;
    row.buckets[index] += open;
    row.total += open;
    if (basis === "due" ? days > 0 : index > 0) row.overdue += open;
    if (open < 0) row.credits += open;
    if (record.disputed) row.disputed += open;
    row.openInvoices += 1;
    row.oldestDays = Math.max(row.oldestDays, days);
    totals[index] += open;
    customerOf[items.length] = at;
    items.push({ record, days, bucket: index });
  }
  const customers = [...rows].sort((a, b) => b.overdue - a.overdue || b.total - a.total || compareText(a.customer, b.customer));
  const sorted = referenceSortItems(items, customerOf, rows.map((row) => row.customer));
  const grandTotal = totals.reduce((sum, amount) => sum + amount, 0);
  const currency = currencies.size === 1 ? [...currencies][0] : "";
  return { asOf, basis, currency, digits: minorDigits(currency || undefined), buckets, customers, totals, grandTotal, openInvoices: sorted.length, items: sorted };
}

function referenceAgeLedger(records: readonly InvoiceRecord[], options: AgingOptions): LedgerAging {
  const basis = options.basis ?? "due";
  const buckets = options.buckets ?? makeBuckets(undefined, basis);
  // Grouping by currency is unchanged: the function in use serves the reference too.
  const groups = recordsByCurrency(records);
  const currencies = [...groups.entries()]
    .map(([currency, list]) => ({ ...referenceAgeInvoices(list, { ...options, basis, buckets }), currency, digits: minorDigits(currency || undefined) }))
    .filter((report) => report.openInvoices > 0 || groups.size === 1)
    .sort((a, b) => b.grandTotal - a.grandTotal || compareText(a.currency, b.currency));
  if (currencies.length === 0) currencies.push(referenceAgeInvoices([], { ...options, basis, buckets }));
  return { asOf: options.asOf, basis, buckets, currencies };
}

/** 2026-03-31. */
const AS_OF = 20543;

/** The result, or the error thrown, so that failing the same way also counts as the same. */
function outcome<T>(run: () => T): { value: T } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { error: String(error) };
  }
}

/** The same reports, number for number (0 and -0 and NaN told apart), holding the very same records. */
function expectSame<T>(actual: () => T, expected: () => T, reports: (value: T) => readonly AgingReport[]): void {
  const a = outcome(actual);
  const e = outcome(expected);
  expect(a).toStrictEqual(e);
  if ("value" in a && "value" in e) {
    const [ra, re] = [reports(a.value), reports(e.value)];
    ra.forEach((report, i) => report.items.forEach((item, j) => expect(item.record).toBe(re[i].items[j].record)));
    ra.forEach((report, i) => report.customers.forEach((row, j) => expect(row.customer).toBe(re[i].customers[j].customer)));
  }
}

// Names and invoice numbers that the collator ties or orders otherwise than by code unit: case,
// accents, the same letters with and without a space; few of them, so that they repeat.
const customerArb = fc.constantFrom("Acme", "acme", "ACME", "Acmé", "Écho", "Echo", "echo", "Beta", "beta", "Zeta", "Été", "ete", "Margie's", "Margies", "a b", "ab");
const invoiceArb = fc.constantFrom("INV-1", "inv-1", "INV-10", "INV-2", "INV-02", "É1", "E1", "e1", "A", "a", "");
const plainRecordArb = fc.record({
  customer: customerArb,
  invoice: invoiceArb,
  currency: fc.constantFrom<string | undefined>("EUR", "USD", "JPY", undefined, ""),
  // A few days apart at most, so that items often tie on days; now and then a very old one.
  invoiceOffset: fc.option(fc.oneof(fc.integer({ min: -12, max: 3 }), fc.constant(-40_000)), { nil: undefined }),
  terms: fc.constantFrom(0, 1, 2, 30),
  openMinor: fc.oneof(fc.integer({ min: -5_000, max: 50_000 }), fc.constantFrom(0, 1, -1, 100)),
  disputed: fc.option(fc.boolean(), { nil: undefined }),
  row: fc.integer({ min: 2, max: 12 }),
});

type PlainRecord = typeof plainRecordArb extends fc.Arbitrary<infer T> ? T : never;

function toRecords(list: readonly PlainRecord[]): InvoiceRecord[] {
  return list.map((r) => {
    const invoiceDate = r.invoiceOffset === undefined ? undefined : AS_OF + r.invoiceOffset;
    const record: InvoiceRecord = {
      invoice: r.invoice,
      customer: r.customer,
      invoiceDate,
      dueDate: (invoiceDate ?? AS_OF - 3) + r.terms,
      amountMinor: r.openMinor,
      openMinor: r.openMinor,
      currency: r.currency,
      source: { sheet: "Ledger" },
      row: r.row,
    };
    if (r.disputed !== undefined) record.disputed = r.disputed;
    if (r.openMinor < 0) record.isCredit = true;
    return record;
  });
}

const basisArb = fc.constantFrom<AgingBasis>("due", "invoice");
const bucketsArb = fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), { nil: undefined });
const RUNS = { numRuns: 300 };

describe("ageInvoices and ageLedger give what the first implementation gave", () => {
  it("on random ledgers in several currencies: ties in days, names equal but for case or accents, credits, disputes, both bases", () => {
    fc.assert(
      fc.property(fc.array(plainRecordArb, { maxLength: 80, size: "max" }), basisArb, bucketsArb, (list, basis, bounds) => {
        const records = toRecords(list);
        const options: AgingOptions = { asOf: AS_OF, basis, buckets: bounds && makeBuckets(bounds, basis) };
        expectSame(() => ageLedger(records, options), () => referenceAgeLedger(records, options), (l) => l.currencies);
        expectSame(() => ageInvoices(records, options), () => referenceAgeInvoices(records, options), (r) => [r]);
      }),
      RUNS,
    );
  });

  it("on ledgers in one currency (aged in a single pass), with large customers", () => {
    const oneCurrency = fc.tuple(fc.constantFrom<string | undefined>("EUR", undefined, ""), fc.array(plainRecordArb, { maxLength: 300, size: "max" }));
    fc.assert(
      fc.property(oneCurrency, basisArb, ([currency, list], basis) => {
        const records = toRecords(list).map((r) => ({ ...r, currency }));
        const options: AgingOptions = { asOf: AS_OF, basis };
        expectSame(() => ageLedger(records, options), () => referenceAgeLedger(records, options), (l) => l.currencies);
      }),
      { numRuns: 200 },
    );
  });

  it("when days or rows are not whole or not finite, or amounts are NaN, and so the comparison is not a consistent order", () => {
    const oddArb = fc.record({
      base: plainRecordArb,
      dueShift: fc.constantFrom(0, 0, 0, 0.5, -0.25, 1e9, Number.NaN, Number.POSITIVE_INFINITY),
      row: fc.constantFrom(2, 3, 3, Number.NaN, Number.POSITIVE_INFINITY, 2.5),
      openMinor: fc.constantFrom<number | undefined>(undefined, undefined, undefined, Number.NaN),
    });
    // Buckets that hold every number of days, so that odd days are aged rather than refused.
    const everything = [{ label: "All", minDays: null, maxDays: null }];
    fc.assert(
      fc.property(fc.array(oddArb, { maxLength: 60, size: "max" }), basisArb, fc.boolean(), (list, basis, all) => {
        const records = toRecords(list.map((o) => o.base)).map((r, i) => ({
          ...r,
          dueDate: r.dueDate + list[i].dueShift,
          openMinor: list[i].openMinor ?? r.openMinor,
          row: list[i].row,
        }));
        const options: AgingOptions = { asOf: AS_OF, basis, buckets: all ? everything : undefined };
        expectSame(() => ageLedger(records, options), () => referenceAgeLedger(records, options), (l) => l.currencies);
        expectSame(() => ageInvoices(records, options), () => referenceAgeInvoices(records, options), (r) => [r]);
      }),
      RUNS,
    );
  });

  it("on an empty ledger and a ledger with nothing open", () => {
    const paid = toRecords([{ customer: "Acme", invoice: "A", currency: "EUR", invoiceOffset: -5, terms: 30, openMinor: 0, disputed: undefined, row: 2 }]);
    for (const records of [[], paid]) {
      expectSame(() => ageLedger(records, { asOf: AS_OF }), () => referenceAgeLedger(records, { asOf: AS_OF }), (l) => l.currencies);
      expectSame(() => ageInvoices(records, { asOf: AS_OF }), () => referenceAgeInvoices(records, { asOf: AS_OF }), (r) => [r]);
    }
  });
});
