import type { Bucket, DayNumber, InvoiceRecord } from "../types";
import { bucketIndex, makeBuckets } from "./buckets";

export interface CustomerAging {
  customer: string;
  /** Open minor units per bucket, in the order of `AgingReport.buckets`. */
  buckets: number[];
  total: number;
  /** Open amount past due (every bucket but Current). */
  overdue: number;
  openInvoices: number;
}

export interface AgingReport {
  asOf: DayNumber;
  buckets: Bucket[];
  /** Customers with open items (an invoice and a credit note that cancel out still show), most overdue first, then by name. */
  customers: CustomerAging[];
  /** Per-bucket totals across customers, in minor units. */
  totals: number[];
  grandTotal: number;
  /** Invoices with an open balance as of the as-of date. */
  openInvoices: number;
}

export interface AgingOptions {
  asOf: DayNumber;
  buckets?: Bucket[];
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
 * Ages open invoices into buckets by days past due, per customer and in total, in minor units.
 * @example ageInvoices(records, { asOf: dayFromIso("2026-03-31")! }).grandTotal
 */
export function ageInvoices(records: readonly InvoiceRecord[], options: AgingOptions): AgingReport {
  const buckets = options.buckets ?? makeBuckets();
  const { asOf } = options;
  const byCustomer = new Map<string, CustomerAging>();
  const totals = new Array<number>(buckets.length).fill(0);
  let openInvoices = 0;

  for (const record of records) {
    if (!isOpenAsOf(record, asOf)) continue;
    const index = bucketIndex(daysPastDue(record, asOf), buckets);
    let row = byCustomer.get(record.customer);
    if (!row) {
      row = { customer: record.customer, buckets: new Array<number>(buckets.length).fill(0), total: 0, overdue: 0, openInvoices: 0 };
      byCustomer.set(record.customer, row);
    }
    row.buckets[index] += record.openMinor;
    row.total += record.openMinor;
    if (index > 0) row.overdue += record.openMinor;
    row.openInvoices += 1;
    totals[index] += record.openMinor;
    openInvoices += 1;
  }

  const customers = [...byCustomer.values()].sort(
    (a, b) => b.overdue - a.overdue || b.total - a.total || a.customer.localeCompare(b.customer),
  );
  const grandTotal = totals.reduce((sum, amount) => sum + amount, 0);
  return { asOf, buckets, customers, totals, grandTotal, openInvoices };
}
