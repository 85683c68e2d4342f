import { compareText } from "../compareText";
import { minorDigits } from "../parse/money";
import type { AgingBasis, Bucket, DayNumber, InvoiceRecord } from "../types";
import { bucketIndex, makeBuckets } from "./buckets";

export interface CustomerAging {
  customer: string;
  /** ISO code of the currency of these amounts ("" when the table names none). */
  currency: string;
  /** Open minor units per bucket, in the order of `AgingReport.buckets`. */
  buckets: number[];
  total: number;
  /** Open amount past due (every bucket but the first on the due-date basis). */
  overdue: number;
  /** Open credit notes and overpayments (negative), already netted into the buckets. */
  credits: number;
  /** Open amount of invoices the customer disputes (kept in aging, flagged). */
  disputed: number;
  openInvoices: number;
  /** Days of the oldest open item (by the report's basis). */
  oldestDays: number;
}

/** One open item as aged: the detail behind every figure. */
export interface AgedItem {
  record: InvoiceRecord;
  /** Days past due (due basis) or days since the invoice date (invoice basis) on the as-of date. */
  days: number;
  bucket: number;
}

/** The aging of one currency. Amounts are never summed across currencies. */
export interface AgingReport {
  asOf: DayNumber;
  basis: AgingBasis;
  currency: string;
  /** Decimals of the currency's minor unit. */
  digits: number;
  buckets: Bucket[];
  /** Customers with open items (an invoice and a credit note that cancel out still show), most overdue first, then by name. */
  customers: CustomerAging[];
  /** Per-bucket totals across customers, in minor units. */
  totals: number[];
  grandTotal: number;
  /** Items with an open balance as of the as-of date. */
  openInvoices: number;
  /** Open items sorted by customer, then oldest first. */
  items: AgedItem[];
}

export interface AgingOptions {
  asOf: DayNumber;
  buckets?: Bucket[];
  basis?: AgingBasis;
}

/** True when the invoice is owed as of the day: issued by then and not fully paid. */
export function isOpenAsOf(record: InvoiceRecord, asOf: DayNumber): boolean {
  return record.openMinor !== 0 && (record.invoiceDate === undefined || record.invoiceDate <= asOf);
}

/**
 * Days an invoice is past its due date on the as-of date (negative while not yet due).
 * @example daysPastDue({ dueDate: 20454 } as InvoiceRecord, 20484) // 30
 */
export function daysPastDue(record: InvoiceRecord, asOf: DayNumber): number {
  return asOf - record.dueDate;
}

/**
 * Days an item counts for aging on the basis chosen: past its due date, or since its invoice
 * date (an item without an invoice date falls back to its due date).
 */
export function agingDays(record: InvoiceRecord, asOf: DayNumber, basis: AgingBasis = "due"): number {
  return basis === "invoice" && record.invoiceDate !== undefined ? asOf - record.invoiceDate : asOf - record.dueDate;
}

/**
 * Items by customer (in the order `localeCompare` puts names), then oldest first, then by
 * invoice number and row. Names are put in order once, not once per comparison, and items are
 * laid out by customer with a counting sort: only each customer's few items are compared.
 * `customerOf` gives each item's customer as its position in `customers`.
 */
function sortItems(items: readonly AgedItem[], customerOf: Int32Array, customers: readonly string[]): AgedItem[] {
  const order = customers.map((_, i) => i).sort((a, b) => compareText(customers[a], customers[b]));
  // Names that compare equal share a rank, as they would tie in a direct comparison.
  const rank = new Int32Array(customers.length);
  let current = 0;
  order.forEach((c, i) => (rank[c] = i > 0 && compareText(customers[order[i - 1]], customers[c]) !== 0 ? ++current : current));
  const starts = new Int32Array(current + 2);
  for (let i = 0; i < items.length; i++) starts[rank[customerOf[i]] + 1]++;
  for (let r = 0; r <= current; r++) starts[r + 1] += starts[r];
  const next = starts.slice(0, current + 1);
  const sorted = new Array<AgedItem>(items.length);
  for (let i = 0; i < items.length; i++) sorted[next[rank[customerOf[i]]]++] = items[i];
  const byAge = (a: AgedItem, b: AgedItem) => b.days - a.days || compareText(a.record.invoice, b.record.invoice) || a.record.source.row - b.record.source.row;
  for (let r = 0; r <= current; r++) {
    if (starts[r + 1] - starts[r] < 2) continue;
    const group = sorted.slice(starts[r], starts[r + 1]).sort(byAge);
    for (let i = 0; i < group.length; i++) sorted[starts[r] + i] = group[i];
  }
  return sorted;
}

/**
 * Ages the open items of one currency into buckets, per customer and in total, in minor units.
 * Credit notes sit in the bucket of their own date and net against the customer's invoices.
 * @example ageInvoices(records, { asOf: dayFromIso("2026-03-31")! }).grandTotal
 */
export function ageInvoices(records: readonly InvoiceRecord[], options: AgingOptions): AgingReport {
  const basis = options.basis ?? "due";
  const buckets = options.buckets ?? makeBuckets(undefined, basis);
  const { asOf } = options;
  const byCustomer = new Map<string, number>();
  const totals = new Array<number>(buckets.length).fill(0);
  const items: AgedItem[] = [];
  // Customers' rows in order of appearance; each item's customer as a position in them, for sorting.
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

  const customers = [...rows].sort(
    (a, b) => b.overdue - a.overdue || b.total - a.total || compareText(a.customer, b.customer),
  );
  const sorted = sortItems(items, customerOf, rows.map((row) => row.customer));
  const grandTotal = totals.reduce((sum, amount) => sum + amount, 0);
  const currency = currencies.size === 1 ? [...currencies][0] : "";
  return { asOf, basis, currency, digits: minorDigits(currency || undefined), buckets, customers, totals, grandTotal, openInvoices: sorted.length, items: sorted };
}

/** The aging of a whole ledger: one report per currency, largest balance first. */
export interface LedgerAging {
  asOf: DayNumber;
  basis: AgingBasis;
  buckets: Bucket[];
  currencies: AgingReport[];
}

/**
 * The records of each currency ("" for records that name none), in their order. Most ledgers are
 * in one currency: then the records are the one group, with no copy made.
 */
export function recordsByCurrency(records: readonly InvoiceRecord[]): Map<string, readonly InvoiceRecord[]> {
  const groups = new Map<string, readonly InvoiceRecord[]>();
  const only = records.length > 0 ? (records[0].currency ?? "") : "";
  if (records.every((record) => (record.currency ?? "") === only)) {
    if (records.length > 0) groups.set(only, records);
    return groups;
  }
  const lists = new Map<string, InvoiceRecord[]>();
  for (const record of records) {
    const key = record.currency ?? "";
    const list = lists.get(key);
    if (list) list.push(record);
    else lists.set(key, [record]);
  }
  for (const [key, list] of lists) groups.set(key, list);
  return groups;
}

/**
 * Ages a ledger per currency: different currencies are never added together. Records without a
 * currency form their own group (the workbook's single currency).
 */
export function ageLedger(records: readonly InvoiceRecord[], options: AgingOptions): LedgerAging {
  const basis = options.basis ?? "due";
  const buckets = options.buckets ?? makeBuckets(undefined, basis);
  const groups = recordsByCurrency(records);
  const currencies = [...groups.entries()]
    .map(([currency, list]) => ({ ...ageInvoices(list, { ...options, basis, buckets }), currency, digits: minorDigits(currency || undefined) }))
    .filter((report) => report.openInvoices > 0 || groups.size === 1)
    .sort((a, b) => b.grandTotal - a.grandTotal || compareText(a.currency, b.currency));
  if (currencies.length === 0) currencies.push(ageInvoices([], { ...options, basis, buckets }));
  return { asOf: options.asOf, basis, buckets, currencies };
}
