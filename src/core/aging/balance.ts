import type { DayNumber, InvoiceRecord } from "../types";

/**
 * What was owed on an invoice at the end of a day: nothing before it was issued, then the
 * amount less every payment dated on or before that day, the paid part on its paid date among
 * them (and less payments whose date is not known, which the table says happened by its as-of
 * date).
 * @example openOn(invoice of 100 paid 60 on day 10, 9) // 100; openOn(same, 10) // 40
 */
export function openOn(record: InvoiceRecord, day: DayNumber): number {
  if (record.invoiceDate !== undefined && record.invoiceDate > day) return 0;
  let open = record.amountMinor - (record.undatedPaidMinor ?? 0);
  if (record.paidMinor !== undefined && record.paidDate !== undefined && record.paidDate <= day) open -= record.paidMinor;
  const payments = record.payments;
  if (payments) for (let i = 0; i < payments.length; i++) if (payments[i].day <= day) open -= payments[i].minor;
  return open;
}

/** True when every payment on the invoice has a date, so its balance is known on any day. */
export function paymentsDated(record: InvoiceRecord): boolean {
  return !record.undatedPaidMinor;
}

/**
 * The day the invoice was fully paid (the last payment that brought it to zero), or undefined
 * while it is open or when payment dates are unknown.
 */
export function settledOn(record: InvoiceRecord): DayNumber | undefined {
  const { paidMinor, paidDate, payments: listed } = record;
  if (!paymentsDated(record)) return paidDate;
  const paidPart = paidMinor !== undefined && paidDate !== undefined;
  // Most invoices are paid in one go, by the paid part alone or by one listed payment: nothing
  // to order, and nothing allocated on a path taken once per invoice of the ledger.
  if (!listed?.length) {
    if (!paidPart) return paidDate;
    return record.amountMinor - paidMinor <= 0 ? paidDate : undefined;
  }
  if (listed.length === 1 && !paidPart) return record.amountMinor - listed[0].minor <= 0 ? listed[0].day : undefined;
  const payments = paidPart ? [...listed, { day: paidDate, minor: paidMinor }] : [...listed];
  payments.sort((a, b) => a.day - b.day);
  // The last payment that brought the balance to zero: a reversal reopens the invoice.
  let open = record.amountMinor;
  let settled: DayNumber | undefined;
  for (const payment of payments) {
    open -= payment.minor;
    if (open > 0) settled = undefined;
    else settled ??= payment.day;
  }
  return open <= 0 ? settled : undefined;
}
