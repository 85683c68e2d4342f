import { openOn } from "../core/aging/balance";
import { mapColumns, toMapping } from "../core/columns/mapColumns";
import { minorDigits } from "../core/parse/money";
import { parseRows } from "../core/parse/parseRows";
import type { DayNumber, InvoiceRecord, Payment } from "../core/types";
import { invoiceKey } from "../core/validate/invoiceNumbers";
import type { TableData, TableInfo } from "./port";

/** A payment that names no invoice of the table: cash received but not applied. */
export interface UnappliedPayment {
  invoice: string;
  day: DayNumber;
  minor: number;
  row: number;
}

/**
 * True for a payments table: invoice numbers with payment dates and amounts, and no due dates
 * (which would make it an invoice table).
 */
export function isPaymentsTable(table: TableInfo): boolean {
  const mapping = toMapping(mapColumns(table.headers));
  const hasDate = mapping.paidDate !== undefined || mapping.invoiceDate !== undefined;
  const hasAmount = mapping.paidAmount !== undefined || mapping.amount !== undefined;
  return mapping.invoice !== undefined && hasDate && hasAmount && mapping.dueDate === undefined && mapping.paidDate !== undefined;
}

/**
 * Applies a payments table to the invoices by invoice number (exact, else ignoring case,
 * spaces and leading zeros): each invoice's balance on any day is its amount less the payments
 * dated up to that day, so payments after the as-of date do not count. Payments naming no
 * invoice are returned as unapplied.
 */
export function applyPayments(records: readonly InvoiceRecord[], table: TableData, asOf: DayNumber): { records: InvoiceRecord[]; unapplied: UnappliedPayment[] } {
  const mapping = toMapping(mapColumns(table.headers));
  const { rows } = parseRows(table.rows, { mapping, firstDataRow: table.firstDataRow, date1904: table.date1904 });
  // Amounts are read in the payments table's own currency decimals and restated in the invoice's
  // at application: a yen invoice paid from a table without a currency column stays exact.
  const byInvoice = new Map<string, { day: DayNumber; minor: number; digits: number }[]>();
  const numbers = new Set(records.map((r) => r.invoice));
  const byKey = new Map<string, string>();
  for (const record of records) byKey.set(invoiceKey(record.invoice), record.invoice);
  const unapplied: UnappliedPayment[] = [];
  for (const row of rows) {
    const day = row.dates.paidDate.value ?? row.dates.invoiceDate.value;
    const minor = row.money.paidAmount.value ?? row.money.amount.value;
    if (!row.text.invoice || day === null || minor === null) continue;
    const invoice = numbers.has(row.text.invoice) ? row.text.invoice : byKey.get(invoiceKey(row.text.invoice));
    if (invoice === undefined) {
      unapplied.push({ invoice: row.text.invoice, day, minor, row: row.row });
      continue;
    }
    const list = byInvoice.get(invoice) ?? [];
    list.push({ day, minor, digits: minorDigits(/^[A-Za-z]{3}$/.test(row.text.currency) ? row.text.currency : undefined) });
    byInvoice.set(invoice, list);
  }
  const applied = records.map((record) => {
    const found = byInvoice.get(record.invoice);
    if (!found) return record;
    const digits = minorDigits(record.currency);
    const payments: Payment[] = found.map((p) => ({ day: p.day, minor: Math.round(p.minor * 10 ** (digits - p.digits)) }));
    const withPayments: InvoiceRecord = { ...record, payments, paidMinor: undefined, undatedPaidMinor: undefined };
    return { ...withPayments, openMinor: openOn(withPayments, asOf) };
  });
  return { records: applied, unapplied: unapplied.filter((p) => p.day <= asOf) };
}
